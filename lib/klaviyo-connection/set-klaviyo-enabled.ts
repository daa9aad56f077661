import type { ShopContext } from "@/lib/auth/shop-context";
import { setIntegrationEnabled } from "@/lib/integrations/set-integration-enabled";
import type { SetKlaviyoEnabledInput } from "./schemas";

/** Turns sending to Klaviyo on or off without touching the saved key; events for Klaviyo wait while it is off. */
export async function setKlaviyoEnabled(
  input: SetKlaviyoEnabledInput,
  ctx: ShopContext,
): Promise<{ enabled: boolean }> {
  return setIntegrationEnabled("KLAVIYO", input.enabled, ctx);
}
