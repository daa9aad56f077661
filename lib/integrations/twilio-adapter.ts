import RestException from "twilio/lib/base/RestException";
import type { TwilioAccountClient } from "@/lib/twilio/twilio-account-client";
import { TwilioSenderNotFoundError } from "@/lib/twilio/twilio-sender-not-found-error";
import { twilioErrorMeaning } from "@/lib/twilio/twilio-error-meaning";
import type { IntegrationAdapter } from "./integration-adapter";
import { TWILIO_REQUESTS_PER_SECOND, twilioClientForKey } from "./twilio-client-for-key";

/**
 * Twilio: a shop's own account for built-in SMS (Account SID + Auth Token, the token being the stored secret,
 * and the Messaging Service or number it texts from in `settings`). Without one, built-in SMS uses the app's.
 */
export const twilioAdapter: IntegrationAdapter<TwilioAccountClient> = {
  provider: "TWILIO",
  label: "Twilio",
  auditPrefix: "twilio",
  defaultPerSecond: TWILIO_REQUESTS_PER_SECOND,
  budgetName: "twilio",
  createClient: (secret, options) =>
    twilioClientForKey(secret.accountId ?? "", secret.apiKey, secret.settings, options),
  fetchAccountName: (client) => client.verify(),
  judgeKeyError(error) {
    if (error instanceof TwilioSenderNotFoundError)
      return { verdict: "refused", kind: "sender_not_found", message: error.message };
    if (error instanceof RestException) {
      const message = `Twilio answered ${error.status}: ${twilioErrorMeaning(error.code) ?? error.message}`;
      // 401 / 20003 is a wrong SID/token pair; Twilio answers 404 for an Account SID that is not this token's.
      if (error.status === 401 || error.status === 403 || error.status === 404)
        return { verdict: "refused", kind: "invalid_credentials", message };
      if (error.status === 429) return { verdict: "busy", kind: "rate_limited", message };
      return { verdict: "unreachable", kind: "server_error", message };
    }
    // The library's HTTP errors (refused connection, timeout) carry a string code: Twilio was not reached.
    if (error instanceof Error && typeof (error as { code?: unknown }).code === "string")
      return { verdict: "unreachable", kind: "network", message: `Twilio could not be reached: ${error.message}` };
    return null;
  },
  messages: {
    notConnected: "Connect your Twilio account first: enter its Account SID, Auth Token and sender under Built-in SMS.",
    notVerified:
      "Your Twilio account is not verified yet: use “Verify again” under Built-in SMS, or enter the Auth Token again.",
    unreadable:
      "The saved Twilio Auth Token cannot be read (the server's encryption key changed): enter it again under Built-in SMS.",
    noKeySaved: "No Twilio account is saved yet: enter its Account SID, Auth Token and sender first.",
    keyRefused: (kind) =>
      kind === "sender_not_found"
        ? "Twilio accepted the Account SID and Auth Token, but that account has no such Messaging Service or phone number. Copy the Messaging Service SID (MG…) from Messaging → Services, or a number from Phone Numbers → Active numbers."
        : "Twilio did not accept this Account SID and Auth Token (error 20003). Copy both from the Twilio Console's Account info: the Auth Token is 32 characters, shown after you click Show.",
    noLongerAccepted:
      "Twilio no longer accepts this Account SID and Auth Token (or the sender is gone): the token may have been rotated. Enter the current Auth Token.",
    couldNotVerify: (reason) => `Twilio account saved but it could not be verified: ${reason}`,
    stoppedWorking:
      "Twilio account saved but it could not be verified: Twilio no longer accepts its Auth Token, or the sender is gone. Texts wait; enter the current Auth Token under Built-in SMS.",
    enableNeedsKey: "Connect a Twilio account before enabling or disabling it.",
  },
  keyHealthAudit: { restored: "key_health.twilio_restored", stoppedWorking: "key_health.twilio_stopped_working" },
};
