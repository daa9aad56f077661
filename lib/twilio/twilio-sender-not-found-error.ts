import { describeTwilioSender, type TwilioSender } from "./twilio-sender";

/** The credentials work but the sender is not the account's (no such Messaging Service or number). */
export class TwilioSenderNotFoundError extends Error {
  override name = "TwilioSenderNotFoundError";
  constructor(readonly sender: TwilioSender | null) {
    super(
      sender
        ? `This Twilio account has no ${describeTwilioSender(sender)}.`
        : "No Messaging Service or From number is saved for this Twilio account.",
    );
  }
}
