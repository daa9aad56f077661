import { randomBytes } from "node:crypto";
import twilio from "twilio";
import { measureSms } from "@/lib/sms-settings/measure-sms";

/** One Twilio account of the stand-in, with its one Messaging Service and the number that service sends from. */
export type TwilioSandboxAccount = {
  accountSid: string;
  authToken: string;
  friendlyName: string;
  messagingServiceSid: string;
  fromNumber: string;
};

/** The app's account and Messaging Service: the dev defaults of TWILIO_* point at these. */
export const TWILIO_SANDBOX_ACCOUNT = {
  accountSid: "AC00000000000000000000000000000001",
  authToken: "5a7d0000000000000000000000000001",
  friendlyName: "Signalboard (sandbox)",
  messagingServiceSid: "MG00000000000000000000000000000001",
  /** The Messaging Service's sender number (Twilio's magic test number). */
  fromNumber: "+15005550006",
} as const satisfies TwilioSandboxAccount;

/** A merchant's own account, so "Use your own Twilio account" can be tried in dev with no Twilio login. */
export const TWILIO_SANDBOX_SHOP_ACCOUNT = {
  accountSid: "AC00000000000000000000000000000002",
  authToken: "5a7d0000000000000000000000000002",
  friendlyName: "Demo store's Twilio (sandbox)",
  messagingServiceSid: "MG00000000000000000000000000000002",
  fromNumber: "+15005550007",
} as const satisfies TwilioSandboxAccount;

const DEFAULT_ACCOUNTS: readonly TwilioSandboxAccount[] = [TWILIO_SANDBOX_ACCOUNT, TWILIO_SANDBOX_SHOP_ACCOUNT];

export type TwilioSandboxMessage = {
  sid: string;
  accountSid: string;
  /** The Messaging Service it went through, or null when it was sent From a number. */
  messagingServiceSid: string | null;
  /** The sender's number (the handset's number for an inbound text's "To"). */
  from: string;
  direction: "outbound-api" | "inbound" | "outbound-reply";
  /** The handset's number. */
  handset: string;
  body: string;
  status: string;
  errorCode: number | null;
  segments: number;
  statusCallback: string | null;
  createdAt: string;
};

export type TwilioFaults = {
  /** Handset number → error code its texts end with (30003 unreachable, 30007 filtered, …): undelivered/failed. */
  failNumbers: Record<string, number>;
  /** Share of Messages API calls answered 429 / 20429 regardless of the rate. */
  share429: number;
  /** How long after the create call the "sent" callback goes out; "delivered" follows as long again. */
  callbackDelayMs: number;
};

export type TwilioCallback = {
  url: string;
  params: Record<string, string>;
  status: number | null;
  error: string | null;
  at: string;
};

const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"]);
const START_WORDS = new Set(["START", "UNSTOP", "YES"]);

/** Twilio's undelivered (carrier said no) vs failed (never left Twilio) for a code. */
function finalStatusFor(code: number): "undelivered" | "failed" {
  return code >= 30000 && code !== 30001 && code !== 30002 ? "undelivered" : "failed";
}

/**
 * The state of the sandbox's Twilio stand-in: several accounts (the app's and merchants' own), messages per
 * handset, handsets that texted STOP to an account's sender (Twilio's Advanced Opt-Out then refuses with 21610),
 * each account's request rate and chosen failures, and the status callbacks and inbound webhooks it sent, each
 * signed with the Auth Token of the account it belongs to.
 */
export class TwilioSandboxState {
  messages: TwilioSandboxMessage[] = [];
  callbacks: TwilioCallback[] = [];
  accounts = new Map<string, TwilioSandboxAccount>(DEFAULT_ACCOUNTS.map((a) => [a.accountSid, { ...a }]));
  /** "accountSid handset" of every handset that texted STOP to that account's sender. */
  private stopped = new Set<string>();
  /** Messages API requests per second per account before 429 / 20429. */
  perSecond: number;
  faults: TwilioFaults = { failNumbers: {}, share429: 0, callbackDelayMs: 300 };
  /** Where every account's sender posts inbound texts (the app's "incoming messages" webhook). */
  inboundUrl: string | null;
  private arrivals = new Map<string, number[]>();
  private readonly random: () => number;

  constructor(options: { perSecond?: number; inboundUrl?: string | null; random?: () => number } = {}) {
    this.perSecond = options.perSecond ?? 100;
    this.inboundUrl = options.inboundUrl ?? null;
    this.random = options.random ?? Math.random;
  }

  reset(): void {
    this.messages = [];
    this.callbacks = [];
    this.accounts = new Map(DEFAULT_ACCOUNTS.map((a) => [a.accountSid, { ...a }]));
    this.stopped.clear();
    this.arrivals.clear();
    this.faults = { failNumbers: {}, share429: 0, callbackDelayMs: 300 };
  }

  /** Adds (or replaces) an account, as if someone signed up to Twilio. */
  addAccount(account: TwilioSandboxAccount): void {
    this.accounts.set(account.accountSid, { ...account });
  }

  /** The account these Basic-auth credentials open, or null (Twilio answers 401 / 20003). */
  authenticate(accountSid: string, authToken: string): TwilioSandboxAccount | null {
    const account = this.accounts.get(accountSid);
    return account && account.authToken === authToken ? account : null;
  }

  /** Whether the handset texted STOP to this account's sender (and not START since). */
  isStopped(accountSid: string, handset: string): boolean {
    return this.stopped.has(`${accountSid} ${handset}`);
  }

  /** True when this API request is over the account's rate (or a chosen 429): Twilio answers 429 / 20429. */
  overRate(accountSid: string): boolean {
    const now = Date.now();
    const arrivals = (this.arrivals.get(accountSid) ?? []).filter((at) => now - at < 1_000);
    this.arrivals.set(accountSid, arrivals);
    if (this.faults.share429 > 0 && this.random() < this.faults.share429) return true;
    if (arrivals.length >= this.perSecond) return true;
    arrivals.push(now);
    return false;
  }

  create(
    account: TwilioSandboxAccount,
    sender: { messagingServiceSid: string | null; from: string },
    handset: string,
    body: string,
    statusCallback: string | null,
  ): TwilioSandboxMessage {
    const message: TwilioSandboxMessage = {
      sid: `SM${randomBytes(16).toString("hex")}`,
      accountSid: account.accountSid,
      ...sender,
      direction: "outbound-api",
      handset,
      body,
      status: "accepted",
      errorCode: null,
      segments: measureSms(body).segments,
      statusCallback,
      createdAt: new Date().toISOString(),
    };
    this.messages.push(message);
    this.schedule(message);
    return message;
  }

  /** queued/sending are internal; the callbacks say "sent" and then "delivered", or the chosen failure. */
  private schedule(message: TwilioSandboxMessage): void {
    const delay = this.faults.callbackDelayMs;
    const code = this.faults.failNumbers[message.handset];
    const steps: { status: string; errorCode: number | null }[] = code
      ? finalStatusFor(code) === "failed"
        ? [{ status: "failed", errorCode: code }]
        : [
            { status: "sent", errorCode: null },
            { status: "undelivered", errorCode: code },
          ]
      : [
          { status: "sent", errorCode: null },
          { status: "delivered", errorCode: null },
        ];
    steps.forEach((step, index) => {
      setTimeout(
        () => {
          message.status = step.status;
          message.errorCode = step.errorCode;
          void this.callback(message);
        },
        delay * (index + 1),
      ).unref();
    });
  }

  private async callback(message: TwilioSandboxMessage): Promise<void> {
    const account = this.accounts.get(message.accountSid);
    if (!message.statusCallback || !account) return;
    const params: Record<string, string> = {
      AccountSid: account.accountSid,
      ApiVersion: "2010-04-01",
      From: message.from,
      MessageSid: message.sid,
      MessageStatus: message.status,
      SmsSid: message.sid,
      SmsStatus: message.status,
      To: message.handset,
    };
    if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid;
    if (message.errorCode) params.ErrorCode = String(message.errorCode);
    await this.post(account, message.statusCallback, params);
  }

  /**
   * Posts a form the way Twilio does, signed with X-Twilio-Signature by the account's Auth Token; the answer's
   * text is returned.
   */
  async post(account: TwilioSandboxAccount, url: string, params: Record<string, string>): Promise<string | null> {
    const entry: TwilioCallback = { url, params, status: null, error: null, at: new Date().toISOString() };
    this.callbacks.push(entry);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilio.getExpectedTwilioSignature(account.authToken, url, params),
        },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(15_000),
      });
      entry.status = response.status;
      return await response.text();
    } catch (error) {
      entry.error = error instanceof Error ? error.message : String(error);
      return null;
    }
  }

  /**
   * A handset texts back the sender that last texted it (else the app's): STOP words block that account from
   * texting it (21610) as Twilio's Advanced Opt-Out does, START words lift that; the app's inbound webhook hears
   * every text, signed by that account, and its TwiML reply (HELP's answer, say) appears in the conversation.
   */
  async reply(handset: string, body: string): Promise<TwilioSandboxMessage> {
    const last = this.messages.findLast((m) => m.handset === handset && m.direction === "outbound-api");
    const account =
      (last && this.accounts.get(last.accountSid)) ?? this.accounts.get(TWILIO_SANDBOX_ACCOUNT.accountSid)!;
    const sender = last
      ? { messagingServiceSid: last.messagingServiceSid, from: last.from }
      : { messagingServiceSid: account.messagingServiceSid, from: account.fromNumber };
    const word = body.trim().toUpperCase();
    const stopKey = `${account.accountSid} ${handset}`;
    if (STOP_WORDS.has(word)) this.stopped.add(stopKey);
    if (START_WORDS.has(word)) this.stopped.delete(stopKey);
    const inbound: TwilioSandboxMessage = {
      sid: `SM${randomBytes(16).toString("hex")}`,
      accountSid: account.accountSid,
      ...sender,
      direction: "inbound",
      handset,
      body,
      status: "received",
      errorCode: null,
      segments: measureSms(body).segments,
      statusCallback: null,
      createdAt: new Date().toISOString(),
    };
    this.messages.push(inbound);
    // Advanced Opt-Out's own confirmations, sent by Twilio whatever the app answers.
    if (STOP_WORDS.has(word))
      this.autoReply(
        inbound,
        "You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.",
      );
    if (START_WORDS.has(word))
      this.autoReply(
        inbound,
        "You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.",
      );
    if (!this.inboundUrl) return inbound;
    const params: Record<string, string> = {
      AccountSid: account.accountSid,
      ApiVersion: "2010-04-01",
      Body: body,
      From: handset,
      MessageSid: inbound.sid,
      NumMedia: "0",
      NumSegments: String(inbound.segments),
      SmsMessageSid: inbound.sid,
      SmsSid: inbound.sid,
      SmsStatus: "received",
      To: sender.from,
    };
    if (sender.messagingServiceSid) params.MessagingServiceSid = sender.messagingServiceSid;
    const answer = await this.post(account, this.inboundUrl, params);
    for (const match of answer?.matchAll(/<Message>([\s\S]*?)<\/Message>/g) ?? []) {
      // A TwiML reply to a number that opted out is blocked by Twilio (21610), as here.
      if (!this.stopped.has(stopKey)) this.autoReply(inbound, unescapeXml(match[1]!));
    }
    return inbound;
  }

  private autoReply(to: TwilioSandboxMessage, body: string): void {
    this.messages.push({
      sid: `SM${randomBytes(16).toString("hex")}`,
      accountSid: to.accountSid,
      messagingServiceSid: to.messagingServiceSid,
      from: to.from,
      direction: "outbound-reply",
      handset: to.handset,
      body,
      status: "delivered",
      errorCode: null,
      segments: measureSms(body).segments,
      statusCallback: null,
      createdAt: new Date().toISOString(),
    });
  }

  /** Every handset's conversation, newest handset activity first; stopped when it texted STOP to any account. */
  handsets(): { handset: string; messages: TwilioSandboxMessage[]; stopped: boolean }[] {
    const byHandset = new Map<string, TwilioSandboxMessage[]>();
    for (const message of this.messages)
      byHandset.set(message.handset, [...(byHandset.get(message.handset) ?? []), message]);
    return [...byHandset.entries()]
      .map(([handset, messages]) => ({
        handset,
        messages,
        stopped: [...this.accounts.keys()].some((sid) => this.isStopped(sid, handset)),
      }))
      .sort((a, b) => b.messages.at(-1)!.createdAt.localeCompare(a.messages.at(-1)!.createdAt));
  }
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
