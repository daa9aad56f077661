import path from "node:path";
import { createShopifyStandin, type RunningShopifyStandin } from "../shopify-standin/create-shopify-standin";
import { findFreePort } from "./find-free-port";

/**
 * Serves the Shopify stand-in (OAuth, tokens, Admin API, the simulated admin) on 127.0.0.1, on `preferredPort` or
 * the next free port, keeping its installs and tokens in the data folder so a restart does not uninstall the app.
 */
export async function startShopifyStandin(options: {
  preferredPort: number;
  apiKey: string;
  apiSecret: string;
  appUrl: string;
  dataRoot: string;
}): Promise<RunningShopifyStandin> {
  const standin = createShopifyStandin({
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    appUrl: options.appUrl,
    stateFile: path.join(options.dataRoot, "shopify-standin.json"),
  });
  let port = options.preferredPort;
  for (let attempt = 0; ; attempt++) {
    port = await findFreePort(port);
    try {
      return await standin.listen(port, "127.0.0.1");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || attempt >= 5) throw error;
      port += 1;
    }
  }
}
