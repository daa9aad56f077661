import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);

/** Frontend messages after which PostgreSQL answers ReadyForQuery: startup (no type byte), Query, Sync. */
const ENDS_EXCHANGE = new Set([0, 0x51, 0x53]);

export interface PgliteServer {
  port: number;
  /** Stops accepting, closes every client and waits for the message being run to finish. */
  stop(): Promise<void>;
}

/** One owner of PGlite's single session at a time, in arrival order. */
class SessionLock {
  private owner: object | null = null;
  private readonly waiting: { who: object; grant: () => void }[] = [];

  acquire(who: object): Promise<void> {
    if (this.owner === who) return Promise.resolve();
    if (!this.owner) {
      this.owner = who;
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiting.push({ who, grant }));
  }

  release(who: object): void {
    if (this.owner !== who) return;
    const next = this.waiting.shift();
    this.owner = next?.who ?? null;
    next?.grant();
  }

  forget(who: object): void {
    const index = this.waiting.findIndex((w) => w.who === who);
    if (index >= 0) this.waiting.splice(index, 1);
    this.release(who);
  }
}

/**
 * Serves a PGlite database over the PostgreSQL wire protocol to any number of clients. PGlite has one session, so
 * a client keeps it from its first message until PostgreSQL is ready for a new query outside a transaction: an
 * extended-protocol exchange (Parse … Sync) or a transaction block is never interleaved with another client's.
 * (pglite-socket 0.2's server takes turns per message, so two pooled connections could bind each other's unnamed
 * statement: "08P01 bind message supplies 6 parameters, but prepared statement "" requires 7".)
 */
export function servePglite(db: PGlite, options: { host: string; port: number }): Promise<PgliteServer> {
  const lock = new SessionLock();
  const clients = new Set<net.Socket>();
  let running: Promise<unknown> = Promise.resolve();

  // Each message runs under PGlite's own mutex; `running` lets stop() wait for the last one.
  const run = (message: Uint8Array, onData: (data: Uint8Array) => void) =>
    (running = db.runExclusive(() => db.execProtocolRawStream(message, { onRawData: onData })));

  const serveClient = (socket: net.Socket) => {
    clients.add(socket);
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let started = false;
    let holding = false;
    let closed = false;
    const pending: Buffer[] = [];
    let draining = false;

    const drain = async () => {
      if (draining) return;
      draining = true;
      try {
        while (pending.length > 0 && !closed) {
          const message = pending.shift()!;
          if (!holding) {
            await lock.acquire(socket);
            holding = true;
            if (closed) break;
          }
          await run(message, (data) => {
            if (!closed) socket.write(data);
          });
          // A client that closed meanwhile keeps the session until its close handler has tidied it.
          if (closed) break;
          if (ENDS_EXCHANGE.has(message[0]!) && !db.isInTransaction()) {
            holding = false;
            lock.release(socket);
          }
        }
      } catch (error) {
        socket.destroy(error as Error);
      } finally {
        draining = false;
      }
    };

    const readMessages = () => {
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          const code = buffer.readInt32BE(4);
          if (buffer.length < length) return;
          const packet = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST) {
            socket.write("N");
            continue;
          }
          // PGlite has no backend to signal, so a cancel request is answered the way PostgreSQL does: by closing.
          if (code === CANCEL_REQUEST) return void socket.end();
          started = true;
          pending.push(Buffer.from(packet));
          continue;
        }
        if (buffer.length < 5) return;
        const length = 1 + buffer.readInt32BE(1);
        if (buffer.length < length) return;
        const message = Buffer.from(buffer.subarray(0, length));
        buffer = buffer.subarray(length);
        // Terminate: PGlite would ignore it, and the close below gives the session back.
        if (message[0] === 0x58) return void socket.end();
        pending.push(message);
      }
    };

    socket.on("data", (data) => {
      buffer = Buffer.concat([buffer, data]);
      readMessages();
      void drain();
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      closed = true;
      clients.delete(socket);
      pending.length = 0;
      if (!holding) return lock.forget(socket);
      // A client gone mid-exchange or mid-transaction leaves the session as it was: end both before the next one.
      void (async () => {
        await running.catch(() => undefined);
        await run(SYNC, () => undefined).catch(() => undefined);
        if (db.isInTransaction()) await run(queryMessage("ROLLBACK"), () => undefined).catch(() => undefined);
        holding = false;
        lock.forget(socket);
      })();
    });
  };

  const server = net.createServer(serveClient);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve({
        port: (server.address() as net.AddressInfo).port,
        stop: async () => {
          await new Promise<void>((done) => {
            server.close(() => done());
            for (const socket of clients) socket.destroy();
          });
          await running.catch(() => undefined);
        },
      });
    });
  });
}

/** A simple-protocol Query message. */
function queryMessage(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`);
  const header = Buffer.alloc(5);
  header.write("Q", 0);
  header.writeInt32BE(4 + text.length, 1);
  return Buffer.concat([header, text]);
}
