import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { findFreePort } from "./find-free-port";

const servers: net.Server[] = [];

function occupy(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    servers.push(server);
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as net.AddressInfo).port));
  });
}

// A port the OS just handed out and released is very likely free for the next few milliseconds.
async function someFreePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("findFreePort", () => {
  it("returns the preferred port when it is free", async () => {
    const port = await someFreePort();
    expect(await findFreePort(port)).toBe(port);
  });

  it("skips a port something already listens on", async () => {
    const taken = await occupy(0, "127.0.0.1");
    const found = await findFreePort(taken);
    expect(found).toBeGreaterThan(taken);
    // and the answer really is bindable
    await expect(occupy(found, "127.0.0.1")).resolves.toBe(found);
  });

  it("counts a port taken on all interfaces as taken on 127.0.0.1 too", async () => {
    const taken = await occupy(0, "0.0.0.0");
    expect(await findFreePort(taken)).not.toBe(taken);
  });

  it("checks every host it is given", async () => {
    const taken = await occupy(0, "127.0.0.1");
    expect(await findFreePort(taken, { hosts: ["127.0.0.1", "::"] })).not.toBe(taken);
  });

  it("gives up after the allowed attempts", async () => {
    const taken = await occupy(0, "127.0.0.1");
    await expect(findFreePort(taken, { attempts: 1 })).rejects.toThrow(/No free port/);
  });

  it("rejects impossible ports", async () => {
    await expect(findFreePort(0)).rejects.toThrow(RangeError);
    await expect(findFreePort(70_000)).rejects.toThrow(RangeError);
  });
});
