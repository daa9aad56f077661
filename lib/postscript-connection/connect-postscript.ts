import type { ShopContext } from "@/lib/auth/shop-context";
import { connectIntegration } from "@/lib/integrations/connect-integration";
import type { ConnectPostscriptInput } from "./schemas";

export type ConnectOutcome =
  | { result: "connected"; keyLast4: string; accountName: string; connectedEventSent: boolean }
  | { result: "saved_unverified"; keyLast4: string; reason: string };

/**
 * Step 2 of setup: checks a pasted Private API Key against Postscript before keeping it (connectIntegration).
 * Accepted: stored encrypted, verified, subscribed to Postscript's opt-in webhooks, and the first time
 * "Integration Connected" goes to Postscript. Refused: nothing is stored. Unreachable: kept, unverified.
 */
export async function connectPostscript(input: ConnectPostscriptInput, ctx: ShopContext): Promise<ConnectOutcome> {
  const outcome = await connectIntegration("POSTSCRIPT", input.apiKey, ctx);
  if (outcome.result !== "connected") return outcome;
  // Postscript always names the account (/me resource_name) and the adapter always reports the event.
  return {
    ...outcome,
    accountName: outcome.accountName ?? "",
    connectedEventSent: outcome.connectedEventSent ?? false,
  };
}
