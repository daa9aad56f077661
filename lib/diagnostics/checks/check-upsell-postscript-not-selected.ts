import { prisma } from "@/lib/db/prisma";
import { changedSince } from "@/lib/deliveries/changed-since";
import { POSTSCRIPT_NOT_SELECTED_REASON } from "@/lib/deliveries/event-types";
import { RECENT_WINDOW_DAYS, type DiagnosticCheck } from "../diagnostic-check";
import type { DiagnosticsContext } from "../load-diagnostics-context";
import { plural } from "../plural";

/**
 * Troubleshooting: "Upsell events aren't firing in Postscript" — the most common cause is that Postscript is not
 * selected on the strategy. Lists enabled strategies without Postscript and how many upsell events were skipped
 * for that reason recently. A warning, not a problem: a strategy may be meant for Klaviyo only.
 */
export async function checkUpsellPostscriptNotSelected(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const since = new Date(ctx.now.getTime() - RECENT_WINDOW_DAYS * 86_400_000);
  const [strategies, skipped] = await Promise.all([
    prisma.upsellStrategy.findMany({
      where: { shopId: ctx.shopId, enabled: true },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, notifyPostscript: true, notifyKlaviyo: true },
    }),
    prisma.delivery.groupBy({
      by: ["upsellStrategyId"],
      where: {
        shopId: ctx.shopId,
        status: "SKIPPED",
        skipReason: POSTSCRIPT_NOT_SELECTED_REASON,
        ...changedSince("createdAt", since),
      },
      _count: { _all: true },
    }),
  ]);
  const without = strategies.filter((s) => !s.notifyPostscript);
  if (without.length === 0) {
    return {
      id: "upsell-postscript-not-selected",
      status: "ok",
      title: "Upsell strategies send to Postscript",
      detail: strategies.length
        ? `Postscript is selected on every enabled upsell strategy (${plural(strategies.length, "strategy", "strategies")}).`
        : "No enabled upsell strategies.",
      fix: "Nothing to do.",
    };
  }
  const skippedBy = new Map(skipped.map((g) => [g.upsellStrategyId, g._count._all]));
  const names = without.map((s) => {
    const n = skippedBy.get(s.id) ?? 0;
    return `“${s.name}”${s.notifyKlaviyo ? " (Klaviyo only)" : ""}${n ? `: ${plural(n, "event")} skipped` : ""}`;
  });
  const totalSkipped = without.reduce((sum, s) => sum + (skippedBy.get(s.id) ?? 0), 0);
  return {
    id: "upsell-postscript-not-selected",
    status: "warning",
    title: "Postscript not selected on an upsell strategy",
    detail:
      `Upsell events of ${without.length === 1 ? "this strategy are" : "these strategies are"} not sent to Postscript: ${names.join("; ")}. ` +
      (totalSkipped
        ? `${plural(totalSkipped, "upsell event")} ${totalSkipped === 1 ? "was" : "were"} skipped for this reason in the last ${RECENT_WINDOW_DAYS} days.`
        : "No upsell event was skipped for this reason recently."),
    fix: "Open the upsell strategy, expand Advanced settings, select Postscript in the integrations list and save. Skip this if the strategy is meant for Klaviyo only.",
    fixHref: `${ctx.base}/upsells`,
  };
}
