import type { ShopContext } from "@/lib/auth/shop-context";
import { verifyIntegrationKey, type VerifyIntegrationOutcome } from "@/lib/integrations/verify-integration-key";
import type { KlaviyoShopInput } from "./schemas";

export type VerifyKlaviyoOutcome = VerifyIntegrationOutcome;

/** "Verify again" for Klaviyo (verifyIntegrationKey); a rate-limited check changes nothing. */
export async function verifyKlaviyoKey(_input: KlaviyoShopInput, ctx: ShopContext): Promise<VerifyKlaviyoOutcome> {
  return verifyIntegrationKey("KLAVIYO", ctx);
}
