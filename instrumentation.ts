// Runs once when the server starts: a missing or malformed setting stops it with one line saying which; in the
// demo (Inngest dev mode) it also starts the in-process stand-in for Inngest's scheduled functions.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvOnStart } = await import("@/lib/check-env-on-start");
    checkEnvOnStart();
    if (process.env.INNGEST_DEV === "1") {
      const { startLocalSweeper } = await import("@/lib/jobs/start-local-sweeper");
      startLocalSweeper();
    }
  }
}
