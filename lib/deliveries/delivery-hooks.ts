import type { Prisma } from "@/lib/generated/prisma/client";
import type { ClaimedDelivery } from "./claim-next-delivery";
import type { DueDelivery } from "./providers/delivery-provider";

/**
 * What a feature's deliveries mean beyond the ledger (a waitlist entry notified, a reminder scheduled, a reminder
 * moot once the variant sold out again). The engine knows only deliveries: each feature registers hooks for its
 * own event types, and the engine calls them at the right moments.
 */
export type DeliveryHooks<Context> = {
  /** Unique name; registering the same name again replaces the hooks (module reloads in dev). */
  name: string;
  /** The event types the hooks are for; rows of other types never reach them. */
  eventTypes: readonly string[];
  /** Loaded once per shop and run (the shop's rules), passed to every hook below. */
  loadContext(shopId: string): Promise<Context>;
  /** Skips, in bulk and with reasons, the shop's due rows of these types that must not go out; returns the count. */
  skipIneligible?(shopId: string, context: Context): Promise<number>;
  /** Right before one claimed row is sent: why it must not go out after all, or null to send it. */
  skipReason?(row: ClaimedDelivery, context: Context): string | null;
  /**
   * Writes that follow from the row being delivered or unconfirmed: single UPDATE / INSERT statements (no trailing
   * semicolon), run in the same statement as the row's own update (one round trip per alert), so they commit
   * together and all see the database as it was before it.
   */
  onDelivered?(row: DueDelivery, deliveredAt: Date, context: Context): Prisma.Sql[];
};

/** The registered hooks opened for one shop and run: what the engine calls. */
export type OpenedDeliveryHooks = {
  skipIneligible(): Promise<number>;
  skipReason(row: ClaimedDelivery): string | null;
  onDelivered(row: DueDelivery, deliveredAt: Date): Prisma.Sql[];
};

// Hooks of any context type: each one's context only ever goes back to its own functions.
type AnyHooks = DeliveryHooks<unknown>;
// On globalThis, not in module scope: Next compiles instrumentation.ts (which registers) and the routes (which
// deliver) as separate server entries, each with its own copy of this module, in one process.
const globalHooks = globalThis as unknown as { signalboardDeliveryHooks?: Map<string, AnyHooks> };
const registered = (globalHooks.signalboardDeliveryHooks ??= new Map<string, AnyHooks>());

/** Registers a feature's hooks for its event types (see registerFeatureDeliveryHooks, the one place that does). */
export function registerDeliveryHooks<Context>(hooks: DeliveryHooks<Context>): void {
  registered.set(hooks.name, hooks as AnyHooks);
}

/** Loads every registered feature's context for the shop, and gives the engine one object to call. */
export async function openDeliveryHooks(shopId: string): Promise<OpenedDeliveryHooks> {
  // Sending without them would deliver alerts that never mark their waitlist entries: refuse loudly instead.
  if (registered.size === 0) {
    throw new Error("No delivery hooks are registered: call registerFeatureDeliveryHooks() when the process starts.");
  }
  const opened = await Promise.all(
    [...registered.values()].map(async (hooks) => ({ hooks, context: await hooks.loadContext(shopId) })),
  );
  const forType = (eventType: string) => opened.filter(({ hooks }) => hooks.eventTypes.includes(eventType));
  return {
    async skipIneligible() {
      let skipped = 0;
      for (const { hooks, context } of opened) skipped += (await hooks.skipIneligible?.(shopId, context)) ?? 0;
      return skipped;
    },
    skipReason(row) {
      for (const { hooks, context } of forType(row.eventType)) {
        const reason = hooks.skipReason?.(row, context);
        if (reason) return reason;
      }
      return null;
    },
    onDelivered(row, deliveredAt) {
      return forType(row.eventType).flatMap(
        ({ hooks, context }) => hooks.onDelivered?.(row, deliveredAt, context) ?? [],
      );
    },
  };
}
