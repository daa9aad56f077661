import { readFileSync } from "node:fs";

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid …": comm may itself contain spaces and parentheses, so parse after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls `onGone` once when the processes that launched us go away. `npm run dev` forwards SIGTERM only to its
 * `sh -c`, which dies without passing it on (Debian's dash), so tsx and this process would otherwise live on as
 * orphans holding the ports and the database. Watches our parent and grandparent through /proc; elsewhere
 * (macOS's sh execs the command, so the signal arrives) it does nothing. Returns a function that stops watching.
 */
export function watchLauncher(onGone: () => void, intervalMs = 1_000): () => void {
  const parent = process.ppid;
  const grandparent = parentOf(parent);
  if (grandparent === undefined) return () => undefined;
  const timer = setInterval(() => {
    if (process.ppid !== parent || parentOf(parent) !== grandparent) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
