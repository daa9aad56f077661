import type { ShopContext } from "@/lib/auth/shop-context";
import { connectIntegration, type ConnectIntegrationOutcome } from "@/lib/integrations/connect-integration";
import { senderOf, type ConnectTwilioInput } from "./schemas";

/**
 * Connects the shop's own Twilio account for built-in SMS: the Account SID, Auth Token and sender are checked with
 * Twilio (Fetch Account, then the Messaging Service or number) before anything is kept. A wrong pair or a sender
 * of another account is refused and changes nothing; an outage keeps it unverified (texts wait) with the reason.
 */
export async function connectTwilio(input: ConnectTwilioInput, ctx: ShopContext): Promise<ConnectIntegrationOutcome> {
  return connectIntegration("TWILIO", input.authToken, ctx, { accountId: input.accountSid, settings: senderOf(input) });
}
