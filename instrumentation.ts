// Runs once when the server starts: a missing or malformed setting stops it with one line saying which; every
// request's socket address is appended to X-Forwarded-For (the sign-in and signup throttles read it); without
// Inngest (dev mode with no dev server: the demo, single-machine installs) this process also runs background jobs
// from the job table.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvOnStart } = await import("@/lib/check-env-on-start");
    checkEnvOnStart();
    const { appendSocketAddressToEveryRequest } = await import("@/lib/auth/append-socket-address");
    appendSocketAddressToEveryRequest();
    const { registerFeatureDeliveryHooks } = await import("@/lib/register-feature-delivery-hooks");
    registerFeatureDeliveryHooks();
    if (process.env.INNGEST_DEV === "1") {
      const [{ startLocalJobRunner }, { jobs }] = await Promise.all([
        import("@/lib/jobs/start-local-runner"),
        import("@/inngest"),
      ]);
      startLocalJobRunner(jobs);
    }
  }
}
