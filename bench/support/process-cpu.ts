import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux builds since long ago). */
const TICKS_PER_SECOND = 100;

type Stat = { pid: number; comm: string; ppid: number; ticks: number };

/** /proc/<pid>/stat: its own user + system time plus that of its reaped children (an exited backend's lands there). */
function readStat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm is in parentheses and may hold spaces; the fields after it are space-separated.
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const fields = text.slice(close + 2).split(" ");
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return { pid, comm, ppid: Number(fields[1]), ticks: utime! + stime! + cutime! + cstime! };
  } catch {
    return null; // exited between listing and reading
  }
}

function allStats(): Stat[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is Stat => stat !== null);
}

/**
 * CPU milliseconds used so far by a process and its descendants, and by PostgreSQL (every `postgres` process: a
 * backend's time moves to the postmaster's children time when it exits, so nothing is lost by connections closing).
 * Differences between two readings say where a run's CPU went; /proc's resolution is 10 ms.
 */
export function cpuMilliseconds(rootPid: number): { app: number; postgres: number } {
  const stats = allStats();
  const tree = new Set([rootPid]);
  // Parents are listed before their children far more often than not; a few passes settle the rest.
  for (let grew = true; grew;) {
    grew = false;
    for (const stat of stats)
      if (!tree.has(stat.pid) && tree.has(stat.ppid)) {
        tree.add(stat.pid);
        grew = true;
      }
  }
  const ms = (pick: (stat: Stat) => boolean) =>
    (stats.filter(pick).reduce((sum, stat) => sum + stat.ticks, 0) * 1000) / TICKS_PER_SECOND;
  return { app: ms((stat) => tree.has(stat.pid)), postgres: ms((stat) => stat.comm === "postgres") };
}
