import { createTwilioClient, type TwilioClientOptions } from "./create-twilio-client";
import type { TwilioSender } from "./twilio-sender";
import { TwilioSenderNotFoundError } from "./twilio-sender-not-found-error";
import { verifyTwilioRequest } from "./verify-twilio-request";

export type TwilioAccountClientOptions = TwilioClientOptions & {
  sender: TwilioSender | null;
  /**
   * Awaited before every request (the account's rate budget); not part of the request's timeout. What it returns
   * is called once the request is answered or has failed (the budget's arrival bound for it).
   */
  beforeRequest?: () => Promise<(() => void) | void>;
};

/** One Twilio account and the sender it texts from: what built-in SMS sends with, the app's or a shop's own. */
export type TwilioAccountClient = {
  accountSid: string;
  sender: TwilioSender | null;
  /** Fetches the account and checks the sender is its own; the account's friendly name. */
  verify(): Promise<string | null>;
  /** One cheap authenticated call (the circuit's probe). */
  probe(): Promise<unknown>;
  /** Create Message with a status callback; Twilio's SID and status for it. */
  sendMessage(input: { to: string; body: string; statusCallback: string }): Promise<{ sid: string; status: string }>;
  /** Whether a webhook's X-Twilio-Signature was made with this account's Auth Token (verifyTwilioRequest). */
  signed(signature: string | null, publicUrl: string, params: Record<string, string>): boolean;
};

const isNotFound = (error: unknown) => (error as { status?: unknown } | null)?.status === 404;

/** A client for one account and sender, through the kept `twilio` library (createTwilioClient). */
export function createTwilioAccountClient(options: TwilioAccountClientOptions): TwilioAccountClient {
  const { accountSid, authToken, sender, beforeRequest = async () => {} } = options;
  const rest = createTwilioClient(options);
  const paced = async <T>(call: () => Promise<T>): Promise<T> => {
    const afterRequest = await beforeRequest();
    try {
      return await call();
    } finally {
      afterRequest?.();
    }
  };
  const fetchAccount = () => paced(() => rest.api.v2010.accounts(accountSid).fetch());
  return {
    accountSid,
    sender,
    async verify() {
      const account = await fetchAccount();
      if (!sender) throw new TwilioSenderNotFoundError(null);
      if ("messagingServiceSid" in sender) {
        try {
          await paced(() => rest.messaging.v1.services(sender.messagingServiceSid).fetch());
        } catch (error) {
          if (isNotFound(error)) throw new TwilioSenderNotFoundError(sender);
          throw error;
        }
      } else {
        const numbers = await paced(() =>
          rest.api.v2010.accounts(accountSid).incomingPhoneNumbers.list({ phoneNumber: sender.fromNumber, limit: 1 }),
        );
        if (numbers.length === 0) throw new TwilioSenderNotFoundError(sender);
      }
      return account.friendlyName || null;
    },
    probe: fetchAccount,
    async sendMessage({ to, body, statusCallback }) {
      if (!sender) throw new TwilioSenderNotFoundError(null);
      const from =
        "messagingServiceSid" in sender
          ? { messagingServiceSid: sender.messagingServiceSid }
          : { from: sender.fromNumber };
      const message = await paced(() => rest.messages.create({ to, body, statusCallback, ...from }));
      return { sid: message.sid, status: message.status };
    },
    signed: (signature, publicUrl, params) => verifyTwilioRequest(authToken, signature, publicUrl, params),
  };
}
