import { createHash, randomUUID } from "node:crypto";
import { SandboxRequestError } from "@/lib/postscript/sandbox/sandbox-state";

/** The events an account can subscribe to, as Postscript lists them. */
export const SANDBOX_WEBHOOK_EVENTS = [
  "shop.test",
  "shop.incoming_message",
  "shop.subscriber.opt_in",
  "shop.subscriber.opt_out",
  "shop.email_collected",
] as const;

export interface SandboxWebhookSubscription {
  id: string;
  event: string;
  callbackUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface SandboxWebhookDelivery {
  /** The envelope's webhook_id: the subscription, not the delivery (as in Postscript). */
  webhookId: string;
  resourceId: string;
  event: string;
  callbackUrl: string;
  eventTime: string;
  attempts: number;
  /** The last answer's status, or the network error; null while the first attempt is in flight. */
  lastStatus: number | null;
  lastError: string | null;
  delivered: boolean;
}

// Postscript retries every 5 minutes for up to an hour until it gets a 200.
const RETRY_DELAY_MS = 5 * 60_000;
const MAX_ATTEMPTS = 13;
const MAX_LOG = 500;

function nowIso(): string {
  return new Date().toISOString();
}

/**
 * The sandbox's webhook API: per account a signing token and its subscriptions, and signed deliveries (header
 * `Postscript-Signature` = the token) retried like Postscript's until answered 200.
 */
export class SandboxWebhooks {
  readonly #subscriptions = new Map<string, Map<string, SandboxWebhookSubscription>>();
  #log: SandboxWebhookDelivery[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: { retryDelayMs?: number; fetch?: typeof fetch } = {}) {}

  /** Derived from the account, so a token the app stored still verifies after the sandbox restarts. */
  token(resourceId: string): string {
    return `pswh_${createHash("sha256").update(`webhook-token:${resourceId}`).digest("hex").slice(0, 32)}`;
  }

  list(resourceId: string): SandboxWebhookSubscription[] {
    return [...(this.#subscriptions.get(resourceId)?.values() ?? [])];
  }

  create(resourceId: string, input: { event: string; callbackUrl: string }): SandboxWebhookSubscription {
    if (!(SANDBOX_WEBHOOK_EVENTS as readonly string[]).includes(input.event)) {
      throw new SandboxRequestError(400, {
        errors: [
          {
            loc: ["body", "event"],
            msg: `event must be one of ${SANDBOX_WEBHOOK_EVENTS.join(", ")}`,
            type: "value_error",
          },
        ],
      });
    }
    // Postscript asks for HTTPS; the sandbox also takes http so a local app can receive them.
    if (!/^https?:\/\/\S+$/.test(input.callbackUrl)) {
      throw new SandboxRequestError(400, {
        errors: [
          { loc: ["body", "callback_url"], msg: "callback_url must be an http(s) URL", type: "value_error.url" },
        ],
      });
    }
    const at = nowIso();
    const subscription = {
      id: randomUUID(),
      event: input.event,
      callbackUrl: input.callbackUrl,
      createdAt: at,
      updatedAt: at,
    };
    const forAccount = this.#subscriptions.get(resourceId) ?? new Map<string, SandboxWebhookSubscription>();
    forAccount.set(subscription.id, subscription);
    this.#subscriptions.set(resourceId, forAccount);
    return subscription;
  }

  remove(resourceId: string, id: string): void {
    if (!this.#subscriptions.get(resourceId)?.delete(id)) {
      throw new SandboxRequestError(404, { error: "Webhook subscription not found" });
    }
  }

  /** Deliveries made so far, newest first. */
  deliveries(): SandboxWebhookDelivery[] {
    return [...this.#log].reverse();
  }

  /** Sends `event` to every subscription of the account for it; resolves once each first attempt is answered. */
  async emit(resourceId: string, event: string, eventData: Record<string, unknown>): Promise<SandboxWebhookDelivery[]> {
    const eventTime = nowIso();
    const sends = this.list(resourceId)
      .filter((subscription) => subscription.event === event)
      .map((subscription) => {
        const delivery: SandboxWebhookDelivery = {
          webhookId: subscription.id,
          resourceId,
          event,
          callbackUrl: subscription.callbackUrl,
          eventTime,
          attempts: 0,
          lastStatus: null,
          lastError: null,
          delivered: false,
        };
        this.#log.push(delivery);
        if (this.#log.length > MAX_LOG) this.#log.splice(0, this.#log.length - MAX_LOG);
        const body = JSON.stringify({
          webhook_id: subscription.id,
          resource_type: "shop",
          resource_id: resourceId,
          event_time: eventTime,
          event,
          event_data: eventData,
        });
        return this.#attempt(delivery, body, this.token(resourceId)).then(() => delivery);
      });
    return Promise.all(sends);
  }

  /** Forgets every subscription and delivery and cancels pending retries. */
  reset(): void {
    this.#subscriptions.clear();
    this.#log = [];
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  async #attempt(delivery: SandboxWebhookDelivery, body: string, token: string): Promise<void> {
    delivery.attempts++;
    try {
      const response = await (this.options.fetch ?? fetch)(delivery.callbackUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Postscript-Signature": token },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      delivery.lastStatus = response.status;
      delivery.lastError = null;
      delivery.delivered = response.status === 200;
    } catch (error) {
      delivery.lastStatus = null;
      delivery.lastError = error instanceof Error ? error.message : String(error);
    }
    if (delivery.delivered || delivery.attempts >= MAX_ATTEMPTS) return;
    // Unref'd so pending retries never keep a finished test run or CLI alive.
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#attempt(delivery, body, token);
    }, this.options.retryDelayMs ?? RETRY_DELAY_MS).unref();
    this.#timers.add(timer);
  }
}
