import { randomBytes } from "node:crypto";
import twilio from "twilio";
import { measureSms } from "@/lib/sms-settings/measure-sms";

/** The stand-in's one Twilio account and Messaging Service: the dev defaults of TWILIO_* point at these. */
export const TWILIO_SANDBOX_ACCOUNT = {
  accountSid: "AC00000000000000000000000000000001",
  authToken: "5a7d0000000000000000000000000001",
  messagingServiceSid: "MG00000000000000000000000000000001",
  /** The Messaging Service's sender number (Twilio's magic test number). */
  fromNumber: "+15005550006",
} as const;

export type TwilioSandboxMessage = {
  sid: string;
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
 * The state of the sandbox's Twilio stand-in: messages per handset, handsets that texted STOP to the Messaging
 * Service (Twilio's Advanced Opt-Out then refuses with 21610), the account's request rate and chosen failures,
 * and the status callbacks and inbound webhooks it sent, each signed with the account's Auth Token.
 */
export class TwilioSandboxState {
  messages: TwilioSandboxMessage[] = [];
  callbacks: TwilioCallback[] = [];
  stopped = new Set<string>();
  perSecond: number;
  faults: TwilioFaults = { failNumbers: {}, share429: 0, callbackDelayMs: 300 };
  /** Where the Messaging Service posts inbound texts (its "incoming messages" webhook). */
  inboundUrl: string | null;
  private arrivals: number[] = [];
  private readonly random: () => number;

  constructor(options: { perSecond?: number; inboundUrl?: string | null; random?: () => number } = {}) {
    this.perSecond = options.perSecond ?? 100;
    this.inboundUrl = options.inboundUrl ?? null;
    this.random = options.random ?? Math.random;
  }

  reset(): void {
    this.messages = [];
    this.callbacks = [];
    this.stopped.clear();
    this.arrivals = [];
    this.faults = { failNumbers: {}, share429: 0, callbackDelayMs: 300 };
  }

  /** True when this API request is over the account's rate (or a chosen 429): Twilio answers 429 / 20429. */
  overRate(): boolean {
    const now = Date.now();
    this.arrivals = this.arrivals.filter((at) => now - at < 1_000);
    if (this.faults.share429 > 0 && this.random() < this.faults.share429) return true;
    if (this.arrivals.length >= this.perSecond) return true;
    this.arrivals.push(now);
    return false;
  }

  create(handset: string, body: string, statusCallback: string | null): TwilioSandboxMessage {
    const message: TwilioSandboxMessage = {
      sid: `SM${randomBytes(16).toString("hex")}`,
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
    if (!message.statusCallback) return;
    const params: Record<string, string> = {
      AccountSid: TWILIO_SANDBOX_ACCOUNT.accountSid,
      ApiVersion: "2010-04-01",
      From: TWILIO_SANDBOX_ACCOUNT.fromNumber,
      MessageSid: message.sid,
      MessageStatus: message.status,
      MessagingServiceSid: TWILIO_SANDBOX_ACCOUNT.messagingServiceSid,
      SmsSid: message.sid,
      SmsStatus: message.status,
      To: message.handset,
    };
    if (message.errorCode) params.ErrorCode = String(message.errorCode);
    await this.post(message.statusCallback, params);
  }

  /** Posts a form the way Twilio does, signed with X-Twilio-Signature; the answer's text is returned. */
  async post(url: string, params: Record<string, string>): Promise<string | null> {
    const entry: TwilioCallback = { url, params, status: null, error: null, at: new Date().toISOString() };
    this.callbacks.push(entry);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilio.getExpectedTwilioSignature(TWILIO_SANDBOX_ACCOUNT.authToken, url, params),
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
   * A handset texts the Messaging Service: STOP words block the service from texting it (21610) as Twilio's
   * Advanced Opt-Out does, START words lift that; the app's inbound webhook hears every text, and its TwiML
   * reply (HELP's answer, say) appears in the handset's conversation.
   */
  async reply(handset: string, body: string): Promise<TwilioSandboxMessage> {
    const word = body.trim().toUpperCase();
    if (STOP_WORDS.has(word)) this.stopped.add(handset);
    if (START_WORDS.has(word)) this.stopped.delete(handset);
    const inbound: TwilioSandboxMessage = {
      sid: `SM${randomBytes(16).toString("hex")}`,
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
        handset,
        "You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.",
      );
    if (START_WORDS.has(word))
      this.autoReply(
        handset,
        "You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.",
      );
    if (!this.inboundUrl) return inbound;
    const answer = await this.post(this.inboundUrl, {
      AccountSid: TWILIO_SANDBOX_ACCOUNT.accountSid,
      ApiVersion: "2010-04-01",
      Body: body,
      From: handset,
      MessageSid: inbound.sid,
      MessagingServiceSid: TWILIO_SANDBOX_ACCOUNT.messagingServiceSid,
      NumMedia: "0",
      NumSegments: String(inbound.segments),
      SmsMessageSid: inbound.sid,
      SmsSid: inbound.sid,
      SmsStatus: "received",
      To: TWILIO_SANDBOX_ACCOUNT.fromNumber,
    });
    for (const match of answer?.matchAll(/<Message>([\s\S]*?)<\/Message>/g) ?? []) {
      // A TwiML reply to a number that opted out is blocked by Twilio (21610), as here.
      if (!this.stopped.has(handset)) this.autoReply(handset, unescapeXml(match[1]!));
    }
    return inbound;
  }

  private autoReply(handset: string, body: string): void {
    this.messages.push({
      sid: `SM${randomBytes(16).toString("hex")}`,
      direction: "outbound-reply",
      handset,
      body,
      status: "delivered",
      errorCode: null,
      segments: measureSms(body).segments,
      statusCallback: null,
      createdAt: new Date().toISOString(),
    });
  }

  /** Every handset's conversation, newest handset activity first. */
  handsets(): { handset: string; messages: TwilioSandboxMessage[]; stopped: boolean }[] {
    const byHandset = new Map<string, TwilioSandboxMessage[]>();
    for (const message of this.messages)
      byHandset.set(message.handset, [...(byHandset.get(message.handset) ?? []), message]);
    return [...byHandset.entries()]
      .map(([handset, messages]) => ({ handset, messages, stopped: this.stopped.has(handset) }))
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
