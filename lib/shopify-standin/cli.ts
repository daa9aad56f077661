import { parseArgs } from "node:util";
import { createShopifyStandin } from "@/lib/shopify-standin/create-shopify-standin";

const DEFAULT_PORT = 4020;

/**
 * Starts the Shopify stand-in on --port, SHOPIFY_STANDIN_PORT or 4020 for the app at SHOPIFY_APP_URL (default
 * http://localhost:3000) with the app's SHOPIFY_API_KEY and SHOPIFY_API_SECRET; runs until SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string" } } });
  const rawPort = values.port ?? process.env.SHOPIFY_STANDIN_PORT ?? String(DEFAULT_PORT);
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`Shopify stand-in: invalid port "${rawPort}"`);
    process.exit(1);
  }
  const apiKey = process.env.SHOPIFY_API_KEY;
  const apiSecret = process.env.SHOPIFY_API_SECRET;
  if (!apiKey || !apiSecret) {
    console.error(
      "Shopify stand-in: set SHOPIFY_API_KEY and SHOPIFY_API_SECRET to the app's values (the stand-in signs with them)",
    );
    process.exit(1);
  }
  const appUrl = process.env.SHOPIFY_APP_URL ?? "http://localhost:3000";
  const running = await createShopifyStandin({ apiKey, apiSecret, appUrl }).listen(port);
  console.log(
    `Shopify stand-in at ${running.url} (stores and their admins: ${running.url}/; set SHOPIFY_STANDIN_URL=${running.url} for the app at ${appUrl})`,
  );

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
  console.error(`Shopify stand-in failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
