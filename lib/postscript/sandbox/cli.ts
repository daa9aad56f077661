import { parseArgs } from "node:util";
import { createSandbox } from "@/lib/postscript/sandbox/create-sandbox";

const DEMO_KEY = "sk_sandbox_demo_key_0001";
const DEFAULT_PORT = 4010;

/** Starts the Postscript sandbox on --port, POSTSCRIPT_SANDBOX_PORT or 4010 and runs until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string" } } });
  const rawPort = values.port ?? process.env.POSTSCRIPT_SANDBOX_PORT ?? String(DEFAULT_PORT);
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`Postscript sandbox: invalid port "${rawPort}"`);
    process.exit(1);
  }

  const sandbox = createSandbox();
  const running = await sandbox.listen(port);
  const where = `API ${running.apiBaseUrl}, Klaviyo API ${running.klaviyoApiBaseUrl} (any pk_sandbox_… key), inbox ${running.url}/sandbox`;
  console.log(`Postscript sandbox at ${running.url} (${where}); demo key ${DEMO_KEY}`);

  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`Postscript sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
