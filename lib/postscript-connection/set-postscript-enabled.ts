import type { ShopContext } from "@/lib/auth/shop-context";
import { setIntegrationEnabled } from "@/lib/integrations/set-integration-enabled";
import type { SetPostscriptEnabledInput } from "./schemas";

/** Turns sending to Postscript on or off without touching the saved key. */
export async function setPostscriptEnabled(
  input: SetPostscriptEnabledInput,
  ctx: ShopContext,
): Promise<{ enabled: boolean }> {
  return setIntegrationEnabled("POSTSCRIPT", input.enabled, ctx);
}
