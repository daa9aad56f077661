import type { ShopContext } from "@/lib/auth/shop-context";
import { connectIntegration, type ConnectIntegrationOutcome } from "@/lib/integrations/connect-integration";
import type { ConnectKlaviyoInput } from "./schemas";

export type ConnectKlaviyoOutcome = ConnectIntegrationOutcome;

/**
 * Connects Klaviyo with a pasted Private API Key, checked against Klaviyo (Get Accounts) before it is kept
 * (connectIntegration): accepted keys are stored verified, refused ones not at all, and an outage keeps the key
 * unverified with the reason.
 */
export async function connectKlaviyo(input: ConnectKlaviyoInput, ctx: ShopContext): Promise<ConnectKlaviyoOutcome> {
  return connectIntegration("KLAVIYO", input.apiKey, ctx);
}
