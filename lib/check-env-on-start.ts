import { env, EnvError } from "./env";

/** Stops the server with one line naming the bad setting; loaded only in the Node.js runtime. */
export function checkEnvOnStart(): void {
  try {
    env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
