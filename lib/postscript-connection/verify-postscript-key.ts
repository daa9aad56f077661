import type { ShopContext } from "@/lib/auth/shop-context";
import { verifyIntegrationKey, type VerifyIntegrationOutcome } from "@/lib/integrations/verify-integration-key";
import type { ShopOnlyInput } from "./schemas";

export type VerifyOutcome = VerifyIntegrationOutcome;

/** "Verify again" and support's re-verify for Postscript (verifyIntegrationKey); also repairs webhook subscriptions. */
export async function verifyPostscriptKey(_input: ShopOnlyInput, ctx: ShopContext): Promise<VerifyOutcome> {
  return verifyIntegrationKey("POSTSCRIPT", ctx);
}
