import { findIntegration } from "@/lib/integrations/find-integration";
import { describeTwilioSender, twilioSenderOf } from "@/lib/twilio/twilio-sender";
import type { KeyVerification } from "@/lib/generated/prisma/client";

/** What the page (and the browser) may see of a shop's own Twilio account: never the Auth Token, only its last 4. */
export type TwilioConnection = {
  connected: boolean;
  accountSid: string | null;
  sender: string | null;
  authTokenLast4: string | null;
  accountName: string | null;
  verification: KeyVerification | null;
  enabled: boolean;
  lastVerifiedAt: Date | null;
  lastError: string | null;
};

/** Loads the safe view of the shop's own Twilio account (`connected: false` when it uses Signalboard's). */
export async function getTwilioConnection(shopId: string): Promise<TwilioConnection> {
  const row = await findIntegration(shopId, "TWILIO");
  const connected = Boolean(row?.encryptedKey);
  const sender = connected ? twilioSenderOf(row!.settings) : null;
  return {
    connected,
    accountSid: connected ? row!.accountId : null,
    sender: sender ? describeTwilioSender(sender) : null,
    authTokenLast4: connected ? row!.keyLast4 : null,
    accountName: connected ? row!.accountName : null,
    verification: connected ? row!.verification : null,
    enabled: row?.enabled ?? true,
    lastVerifiedAt: connected ? row!.lastVerifiedAt : null,
    lastError: connected ? row!.lastError : null,
  };
}
