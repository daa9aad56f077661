import { z } from "zod";

/** Every event that starts background work, named `domain/noun.verb`, with the schema of its data. */
export const EVENTS = {
  webhookReceived: { name: "shopify/webhook.received", data: z.object({ webhookEventId: z.string() }) },
  restockDetected: {
    name: "shopify/inventory.restocked",
    data: z.object({
      shopId: z.string(),
      restockId: z.string(),
      /** Seconds ahead of other restocks' fan-outs in the queue (see restockPriority); always sent, 0 by default. */
      priority: z.number().int().min(-600).max(600).default(0),
    }),
  },
  subscriberSyncRequested: {
    name: "postscript/subscriber.sync-requested",
    data: z.object({ waitlistEntryId: z.string() }),
  },
  deliveriesQueued: { name: "deliveries/queue.filled", data: z.object({ shopId: z.string() }) },
  /** Sent with a future `ts`: wakes the shop's drainer then (see inngest/functions/wake-shop-queue). */
  deliveriesWakeScheduled: { name: "deliveries/wake.scheduled", data: z.object({ shopId: z.string() }) },
  reportsChanged: { name: "reports/ledger.changed", data: z.object({}) },
  /** Sent on install and, with a future `ts`, while a catalog sync is under way (see check-shop-catalog). */
  catalogCheckDue: { name: "catalog/check.due", data: z.object({ shopId: z.string() }) },
  orderReceived: { name: "order-editing/order.received", data: z.object({ shopId: z.string(), orderId: z.string() }) },
  orderEditStarted: {
    name: "order-editing/edit.started",
    data: z.object({ shopId: z.string(), orderEditId: z.string() }),
  },
} as const;

export type EventKey = keyof typeof EVENTS;
export type EventData<K extends EventKey> = z.infer<(typeof EVENTS)[K]["data"]>;
/** What a sender passes: fields with a default (a restock's priority) may be left out. */
export type EventInput<K extends EventKey> = z.input<(typeof EVENTS)[K]["data"]>;

/**
 * An event ready to send: its wire name, validated data and, for an event that must start its runs later, `ts`
 * (epoch ms in the future: Inngest starts the runs then; the local runner makes it the rows' runAt).
 */
export type JobEvent = { name: string; data: Record<string, unknown>; ts?: number };

/**
 * Builds a sendable event, validating its data against the event's schema (a bad payload throws here, at the
 * sender); `at` delays the runs it starts until then.
 */
export function jobEvent<K extends EventKey>(key: K, data: EventInput<K>, options: { at?: Date } = {}): JobEvent {
  return {
    name: EVENTS[key].name,
    data: EVENTS[key].data.parse(data),
    ...(options.at ? { ts: options.at.getTime() } : {}),
  };
}
