import { clientForShop } from "@/lib/integrations/client-for-shop";
import type { IntegrationClientOptions } from "@/lib/integrations/integration-adapter";
import type { PostscriptClient } from "@/lib/postscript/postscript-client";

/**
 * A Postscript client for the shop's verified key, for steps that need a working connection (keywords, test
 * events). Refuses with a message saying what to do when there is no verified key.
 */
export async function postscriptClientForShop(
  shopId: string,
  options: IntegrationClientOptions = {},
): Promise<PostscriptClient> {
  return (await clientForShop("POSTSCRIPT", shopId, options)).client;
}
