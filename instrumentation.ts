// Runs once when the server starts: a missing or malformed setting stops it with one line saying which.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvOnStart } = await import("@/lib/check-env-on-start");
    checkEnvOnStart();
  }
}
