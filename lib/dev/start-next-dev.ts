import { spawn } from "node:child_process";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export interface NextDevOptions {
  /** The project root (where node_modules/next lives). */
  root: string;
  port: number;
  env: NodeJS.ProcessEnv;
  /** How long to wait for a graceful stop before SIGKILL. */
  stopTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface NextDev {
  /** Resolves with Next's exit code (128 + signal number when a signal ended it). */
  exited: Promise<number>;
  /** Resolves true once Next says it is ready, false if it exits first. */
  ready: Promise<boolean>;
  /** Asks Next to stop, waits for it, and kills it when it does not stop in time. */
  stop(): Promise<void>;
  /** SIGKILLs it at once, for a forced exit. */
  kill(): void;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Runs `next dev -p <port>` with its output passed through. Its stdout goes through this process so `ready`
 * can watch for Next's "Ready" line; colours stay on when we write to a terminal. Next is preloaded with
 * exit-with-parent.mjs so it never outlives a dev command that was killed outright.
 */
export function startNextDev(options: NextDevOptions): NextDev {
  const log = options.log ?? ((line: string) => console.log(line));
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const nextBin = path.join(options.root, "node_modules", "next", "dist", "bin", "next");
  const preload = pathToFileURL(path.join(options.root, "lib", "dev", "exit-with-parent.mjs")).href;
  const colour = process.stdout.isTTY && !options.env.NO_COLOR && !options.env.FORCE_COLOR ? { FORCE_COLOR: "1" } : {};
  const child = spawn(process.execPath, ["--import", preload, nextBin, "dev", "-p", String(options.port)], {
    cwd: options.root,
    stdio: ["inherit", "pipe", "inherit"],
    env: { ...options.env, ...colour },
  });

  const exited = new Promise<number>((resolve) => {
    child.once("error", (error) => {
      log(`Could not start Next.js: ${error.message}`);
      resolve(1);
    });
    child.once("exit", (code, signal) => resolve(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0)));
  });
  let running = true;
  void exited.then(() => (running = false));

  let sawReady = false;
  let tail = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (sawReady) return;
    tail = (tail + chunk.toString("utf8")).slice(-200); // a chunk may split the word
    if (/Ready in/.test(tail)) sawReady = true;
  });

  // If Next ever rewords its "Ready" line, a listening port plus a pause serves as well.
  const ready = (async () => {
    let answeredAt: number | undefined;
    while (running && !sawReady) {
      if (answeredAt === undefined && (await portAnswers(options.port))) answeredAt = Date.now();
      if (answeredAt !== undefined && Date.now() - answeredAt > 5_000) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return running;
  })();

  return {
    exited,
    ready,
    stop: async () => {
      if (!running) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => {
        log(`Next.js did not stop within ${stopTimeoutMs / 1000} s; killing it.`);
        child.kill("SIGKILL");
      }, stopTimeoutMs);
      await exited;
      clearTimeout(timer);
    },
    kill: () => {
      if (running) child.kill("SIGKILL");
    },
  };
}
