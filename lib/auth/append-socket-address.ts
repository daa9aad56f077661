import http, { type IncomingMessage } from "node:http";

/**
 * Appends the socket's peer address to `X-Forwarded-For`, as a proxy hop would. Next only fills the header when
 * it is absent (`??=` in base-server.js), so without this a client's own header would stand in for the socket.
 */
export function appendSocketAddress(request: IncomingMessage): void {
  const peer = request.socket?.remoteAddress;
  if (!peer) return;
  const prior = request.headers["x-forwarded-for"];
  const chain = Array.isArray(prior) ? prior.join(", ") : prior;
  request.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
}

const PATCHED = Symbol.for("signalboard.appendSocketAddress");

/**
 * Makes every HTTP server in this process (the one `next start` and `next dev` create included) run
 * appendSocketAddress on each request before Next sees it. Called once from instrumentation.ts.
 */
export function appendSocketAddressToEveryRequest(): void {
  const proto = http.Server.prototype as http.Server & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") appendSocketAddress(args[0] as IncomingMessage);
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
  proto[PATCHED] = true;
}
