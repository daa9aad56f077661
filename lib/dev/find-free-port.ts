import net from "node:net";

export interface FindFreePortOptions {
  /** Addresses the port must be free on; a dev server listening on all interfaces needs both families checked. */
  hosts?: string[];
  /** How many consecutive ports to try before giving up. */
  attempts?: number;
}

// An address family this machine lacks (no IPv6) says nothing about whether the port is taken.
const NOT_APPLICABLE = new Set(["EADDRNOTAVAIL", "EAFNOSUPPORT"]);

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") resolve(false);
      else if (error.code && NOT_APPLICABLE.has(error.code)) resolve(true);
      else reject(error);
    });
    // exclusive: without it a cluster primary could share the port and hide that it is taken.
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Returns `preferred` when nothing listens on it, otherwise the next free port above it, so the usual
 * port wins whenever possible and a second copy of the app still starts. Another process can still take
 * the port before the caller binds it; callers that care retry from the port after.
 */
export async function findFreePort(preferred: number, options: FindFreePortOptions = {}): Promise<number> {
  const hosts = options.hosts ?? ["127.0.0.1"];
  const attempts = options.attempts ?? 50;
  if (!Number.isInteger(preferred) || preferred < 1 || preferred > 65_535) {
    throw new RangeError(`Port must be an integer from 1 to 65535, got ${preferred}`);
  }
  for (let port = preferred; port < preferred + attempts && port <= 65_535; port++) {
    let free = true;
    for (const host of hosts) {
      if (!(await canListen(port, host))) {
        free = false;
        break;
      }
    }
    if (free) return port;
  }
  throw new Error(`No free port between ${preferred} and ${Math.min(preferred + attempts - 1, 65_535)}`);
}
