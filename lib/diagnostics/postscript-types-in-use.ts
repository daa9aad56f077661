import { prisma } from "@/lib/db/prisma";
import { BACK_IN_STOCK_ALERT, BACK_IN_STOCK_REMINDER } from "@/lib/deliveries/event-types";
import { EVENT_CATALOG } from "@/lib/setup/event-catalog";
import type { DiagnosticsContext } from "./load-diagnostics-context";

const ACTIVE_LOOKBACK_DAYS = 30;
const CATALOG_TYPES = new Set<string>(EVENT_CATALOG.map((e) => e.type));

/**
 * The catalog event types this shop sends (or is set up to send) to Postscript: back-in-stock SMS when Postscript
 * is the SMS provider, upsell events of enabled strategies with Postscript ticked, the order-editing moments once
 * the shop has editing sessions, and any type actually sent through Postscript in the last 30 days.
 */
export async function postscriptTypesInUse(ctx: DiagnosticsContext): Promise<Set<string>> {
  const since = new Date(ctx.now.getTime() - ACTIVE_LOOKBACK_DAYS * 86_400_000);
  const [sent, strategies, edits] = await Promise.all([
    // One probe per catalog type (the (shopId, eventType, createdAt) index), not a month of a big shop's ledger.
    prisma.$queryRaw<{ eventType: string }[]>`
      SELECT t AS "eventType" FROM unnest(${[...CATALOG_TYPES]}::text[]) t
       WHERE EXISTS (SELECT 1 FROM "Delivery" d
                      WHERE d."shopId" = ${ctx.shopId} AND d."eventType" = t AND d."createdAt" >= ${since}
                        AND d.provider = 'POSTSCRIPT' AND d.status <> 'SKIPPED')`,
    prisma.upsellStrategy.findMany({
      where: { shopId: ctx.shopId, enabled: true, notifyPostscript: true },
      select: { placement: true },
    }),
    ctx.orderEditingNotifiesPostscript ? prisma.orderEdit.count({ where: { shopId: ctx.shopId } }) : Promise.resolve(0),
  ]);
  const types = new Set<string>();
  if (ctx.provider === "POSTSCRIPT") {
    types.add(BACK_IN_STOCK_ALERT);
    if (ctx.reminderEnabled) types.add(BACK_IN_STOCK_REMINDER);
  }
  for (const s of strategies)
    types.add(s.placement === "DURING_EDITING" ? "upsell_recommendations" : "upsell_offers_available");
  if (edits > 0)
    for (const t of ["order_editing_started", "order_editing_saved", "order_editing_abandoned"]) types.add(t);
  for (const row of sent) types.add(row.eventType);
  return types;
}
