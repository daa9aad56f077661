// Runs once when the server starts: a missing or malformed setting stops it with one line saying which; every
// request's socket address is appended to X-Forwarded-For (the sign-in and signup throttles read it); in the
// demo (Inngest dev mode) it also starts the in-process stand-in for Inngest's scheduled functions.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvOnStart } = await import("@/lib/check-env-on-start");
    checkEnvOnStart();
    const { appendSocketAddressToEveryRequest } = await import("@/lib/auth/append-socket-address");
    appendSocketAddressToEveryRequest();
    const { registerFeatureDeliveryHooks } = await import("@/lib/register-feature-delivery-hooks");
    registerFeatureDeliveryHooks();
    if (process.env.INNGEST_DEV === "1") {
      const { startLocalSweeper } = await import("@/lib/jobs/start-local-sweeper");
      startLocalSweeper();
    }
  }
}
