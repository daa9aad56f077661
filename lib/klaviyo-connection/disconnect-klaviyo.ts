import type { ShopContext } from "@/lib/auth/shop-context";
import { disconnectIntegration } from "@/lib/integrations/disconnect-integration";
import type { KlaviyoShopInput } from "./schemas";

/** Deletes the saved Klaviyo key (the row stays, so re-connecting keeps the enabled choice). */
export async function disconnectKlaviyo(
  _input: KlaviyoShopInput,
  ctx: ShopContext,
): Promise<{ disconnected: boolean }> {
  return disconnectIntegration("KLAVIYO", ctx);
}
