import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { appendSocketAddressToEveryRequest } from "./append-socket-address";
import { clientAddress } from "./client-address";

const forwarded = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientAddress", () => {
  it("with no trusted proxy takes the rightmost entry (the socket), never a forged leftmost one", () => {
    expect(clientAddress(forwarded("6.6.6.6, 203.0.113.9"), 0)).toBe("203.0.113.9");
  });

  it("behind N trusted proxies takes the Nth entry from the right", () => {
    expect(clientAddress(forwarded("6.6.6.6, 198.51.100.4, 10.0.0.2"), 1)).toBe("198.51.100.4");
    expect(clientAddress(forwarded("6.6.6.6,198.51.100.4 , 10.0.0.3, 10.0.0.2"), 2)).toBe("198.51.100.4");
  });

  it("a chain shorter than the proxies gives its leftmost entry; no header at all gives 'local'", () => {
    expect(clientAddress(forwarded("198.51.100.4"), 2)).toBe("198.51.100.4");
    expect(clientAddress(new Headers(), 0)).toBe("local");
    expect(clientAddress(forwarded(" , "), 0)).toBe("local");
  });
});

describe("appendSocketAddressToEveryRequest", () => {
  it("puts the socket's address after whatever X-Forwarded-For the client sent, as Next's own server sees it", async () => {
    appendSocketAddressToEveryRequest();
    appendSocketAddressToEveryRequest(); // a second call must not append twice
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const get = (headers: Record<string, string>) =>
      new Promise<void>((resolve, reject) =>
        httpRequest({ port, host: "127.0.0.1", headers }, (res) => res.resume().on("end", resolve))
          .on("error", reject)
          .end(),
      );
    await get({ "x-forwarded-for": "6.6.6.6" });
    await get({});
    server.close();
    expect(seen.map((h) => h["x-forwarded-for"])).toEqual(["6.6.6.6, 127.0.0.1", "127.0.0.1"]);
    expect(clientAddress(new Headers({ "x-forwarded-for": String(seen[0]!["x-forwarded-for"]) }), 0)).toBe("127.0.0.1");
  });
});
