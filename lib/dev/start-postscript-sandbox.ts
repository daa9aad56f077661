import { createSandbox, type RunningSandbox } from "../postscript/sandbox/create-sandbox";
import { findFreePort } from "./find-free-port";

/** The key the sandbox's demo account answers to; printed in the dev banner. */
export const SANDBOX_DEMO_KEY = "sk_sandbox_demo_key_0001";

/**
 * Serves the Postscript sandbox on 127.0.0.1, on `preferredPort` or the next free port after it.
 * Another program can take the port between the check and the bind; then it moves on a few times.
 */
export async function startPostscriptSandbox(preferredPort = 4010): Promise<RunningSandbox> {
  const sandbox = createSandbox();
  let port = preferredPort;
  for (let attempt = 0; ; attempt++) {
    port = await findFreePort(port);
    try {
      return await sandbox.listen(port, "127.0.0.1");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || attempt >= 5) throw error;
      port += 1;
    }
  }
}
