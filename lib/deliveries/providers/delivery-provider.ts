import type { DeliveryProvider } from "@/lib/generated/prisma/client";

export type DeliveryPropertyValue = string | number | boolean | null;

/** A claimed ledger row, as a provider needs it to send. */
export type DueDelivery = {
  id: string;
  shopId: string;
  provider: DeliveryProvider;
  eventType: string;
  idempotencyKey: string;
  recipientPhone: string | null;
  recipientEmail: string | null;
  properties: Record<string, DeliveryPropertyValue>;
  /** Including the attempt being made. */
  attempts: number;
  restockId: string | null;
  waitlistEntryId: string | null;
  orderId: string | null;
};

/**
 * What one send attempt came to. The engine turns it into the row's status:
 * - delivered: accepted by the provider (its answer is kept);
 * - unconfirmed: the request left but no answer came (timeout, connection lost mid-request), so it may have been
 *   received; recorded as UNCONFIRMED and never resent on its own, because Postscript does not de-duplicate events;
 * - retry: the provider said "later" (429, 5xx) or the request never left (refused, DNS, TLS); retried with backoff;
 * - failed: the provider refused this message (other 4xx), with its reason;
 * - pause: the provider refused the credentials (revoked key): this row and the rest wait for a working key;
 * - skipped: this message must not go out (the number opted out, no consent): SKIPPED with the reason;
 * - defer: not now for this recipient (quiet hours): waits until `until` without counting as an attempt.
 */
export type SendResult =
  | { outcome: "delivered"; responseStatus: number; responseBody: string }
  | { outcome: "unconfirmed"; error: string }
  | { outcome: "retry"; error: string; responseStatus: number | null; retryAfterMs?: number; rateLimited: boolean }
  | { outcome: "failed"; error: string; responseStatus: number | null }
  | { outcome: "pause"; error: string; responseStatus: number | null }
  | { outcome: "skipped"; reason: string }
  | { outcome: "defer"; reason: string; until: Date };

/** A provider ready to send for one shop. */
export interface ProviderSession {
  /** The provider's rate limit for these credentials, shared by every process; null when there is none. */
  limit: { key: string; perSecond: number } | null;
  send(delivery: DueDelivery): Promise<SendResult>;
  /** One cheap call through the key's budget: true when the provider answers (its circuit may close). */
  probe(): Promise<boolean>;
  /** Null while the shop's configuration still allows sending; otherwise why sending must pause now. */
  pauseReason(): Promise<string | null>;
}

/**
 * Opening a provider for a shop:
 * - ready: send through `session`;
 * - paused: not possible right now (integration disabled, key not verified, shop uninstalled): rows stay
 *   PENDING and go out once the merchant fixes it — nothing is lost;
 * - unavailable: this provider cannot send at all yet: rows are SKIPPED with `reason`.
 */
export type OpenedProvider =
  | { status: "ready"; session: ProviderSession }
  | { status: "paused"; reason: string }
  | { status: "unavailable"; reason: string };

/** One way of sending events (Postscript, Klaviyo, built-in SMS); the fan-out only ever talks to this. */
export interface DeliveryProviderAdapter {
  provider: DeliveryProvider;
  open(shopId: string): Promise<OpenedProvider>;
}
