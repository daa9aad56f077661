// Preloaded into `next dev` by lib/dev/start.ts (node --import). If the dev command dies without stopping Next
// (SIGKILL, a crash, tsx force-killing it), Next would keep port 3000 forever; instead it notices that it was
// re-parented and stops itself the normal way, which also stops its worker process.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, "SIGTERM");
}, 1_000).unref();
