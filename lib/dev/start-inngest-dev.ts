import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export const INNGEST_DEV_PORT = 8288;
export const INNGEST_UNAVAILABLE_MESSAGE =
  "Inngest dev server unavailable (could not be downloaded): background jobs run inside the app process instead.";

export type InngestDevStatus =
  { state: "starting" } | { state: "ready"; url: string; spawned: boolean } | { state: "unavailable" };

export interface InngestDevOptions {
  /** The app's Inngest endpoint, e.g. http://127.0.0.1:3000/api/inngest. */
  serveUrl: string;
  /** How long the download plus start may take before we give up. */
  readyTimeoutMs?: number;
  /** Where status lines (and, once it works, the server's own output) go. */
  log?: (line: string) => void;
}

export interface InngestDev {
  /** Resolves once it is ready or known to be unavailable; app start never waits on it. */
  settled: Promise<InngestDevStatus>;
  status(): InngestDevStatus;
  /** Stops the server and everything npx started for it. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILLs it at once, for a forced exit that cannot wait. */
  kill(): void;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.setTimeout(1_000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

// npx runs sh → npm → the inngest binary; signalling only npx would orphan the binary, so we signal the group.
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts the Inngest dev server through `npx --yes inngest-cli@latest dev` in the background. Its output is held
 * back until it answers on port 8288; if npx exits first or it is not ready within the timeout (typically: the
 * binary cannot be downloaded), one plain line says background jobs run in the app process instead, and the attempt is cleaned up.
 * When something already listens on 8288 it is assumed to be a dev server the user started and is left alone.
 */
export function startInngestDev(options: InngestDevOptions): InngestDev {
  const log = options.log ?? ((line: string) => console.log(line));
  const timeoutMs = options.readyTimeoutMs ?? 45_000;
  const url = `http://127.0.0.1:${INNGEST_DEV_PORT}`;
  let current: InngestDevStatus = { state: "starting" };
  let child: ChildProcess | undefined;
  let stopped = false;
  let exited: Promise<void> = Promise.resolve();

  const settled = (async (): Promise<InngestDevStatus> => {
    if (await portAnswers(INNGEST_DEV_PORT)) {
      log(`Inngest: using the dev server already running at ${url} (point it at ${options.serveUrl}).`);
      return (current = { state: "ready", url, spawned: false });
    }
    if (stopped) return (current = { state: "unavailable" });

    const proc = spawn("npx", ["--yes", "inngest-cli@latest", "dev", "-u", options.serveUrl], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false" },
    });
    child = proc;
    exited = new Promise((resolve) => {
      proc.once("close", () => resolve());
      proc.once("error", () => resolve()); // e.g. npx missing from PATH: no "close" follows
    });
    const held: string[] = [];
    let passThrough = false;
    const onOutput = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split(/\r?\n/)) {
        if (!line.trim()) continue;
        if (passThrough) log(`[inngest] ${line}`);
        else if (held.length < 500) held.push(line);
      }
    };
    proc.stdout?.on("data", onOutput);
    proc.stderr?.on("data", onOutput);

    let gone = false;
    proc.once("error", () => (gone = true));
    proc.once("exit", () => (gone = true));

    const deadline = Date.now() + timeoutMs;
    while (!gone && !stopped && Date.now() < deadline) {
      if (await portAnswers(INNGEST_DEV_PORT)) {
        passThrough = true;
        log(`Inngest dev server ready at ${url}: background jobs run here.`);
        for (const line of held) log(`[inngest] ${line}`);
        proc.once("exit", (code) => {
          if (!stopped)
            log(
              `Inngest dev server stopped (exit ${code ?? "signal"}): background jobs now run inside the app process.`,
            );
        });
        return (current = { state: "ready", url, spawned: true });
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    killGroup(proc, "SIGTERM");
    if (!stopped) log(INNGEST_UNAVAILABLE_MESSAGE);
    return (current = { state: "unavailable" });
  })();

  return {
    settled,
    status: () => current,
    stop: async () => {
      stopped = true;
      if (!child) return;
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => child && killGroup(child, "SIGKILL"), 3_000);
      await exited;
      clearTimeout(timer);
    },
    kill: () => {
      stopped = true;
      if (child) killGroup(child, "SIGKILL");
    },
  };
}
