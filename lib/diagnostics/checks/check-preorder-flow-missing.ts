import { prisma } from "@/lib/db/prisma";
import { BACK_IN_STOCK_ALERT, PREORDER_CONFIRMED } from "@/lib/deliveries/event-types";
import { getFlowRows } from "@/lib/setup/get-flow-rows";
import type { DiagnosticCheck } from "../diagnostic-check";
import { flowFixHref } from "../flow-fix-href";
import type { DiagnosticsContext } from "../load-diagnostics-context";
import { plural } from "../plural";

/**
 * Troubleshooting: "SMS works for back-in-stock but not preorder" — the preorder flow is not registered or not
 * confirmed while the shop takes preorders (a preorder variant, or preorder confirmations sent).
 */
export async function checkPreorderFlowMissing(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const ok = (detail: string): DiagnosticCheck => ({
    id: "preorder-flow-missing",
    status: "ok",
    title: "Preorder flow",
    detail,
    fix: "Nothing to do.",
  });
  if (ctx.provider !== "POSTSCRIPT") return ok("Preorder SMS are not sent through Postscript.");
  const [preorderVariants, preorderSent] = await Promise.all([
    prisma.variant.count({ where: { shopId: ctx.shopId, preorder: true } }),
    prisma.delivery.count({
      where: { shopId: ctx.shopId, provider: "POSTSCRIPT", eventType: PREORDER_CONFIRMED, status: { not: "SKIPPED" } },
    }),
  ]);
  if (preorderVariants === 0 && preorderSent === 0)
    return ok("The shop takes no preorders, so no preorder flow is needed.");
  const [rows, alertsDelivered] = await Promise.all([
    getFlowRows(ctx.shopId, [BACK_IN_STOCK_ALERT, PREORDER_CONFIRMED]),
    prisma.delivery.count({
      where: { shopId: ctx.shopId, provider: "POSTSCRIPT", eventType: BACK_IN_STOCK_ALERT, status: "DELIVERED" },
    }),
  ]);
  const preorder = rows.find((r) => r.type === PREORDER_CONFIRMED)!;
  const backInStock = rows.find((r) => r.type === BACK_IN_STOCK_ALERT)!;
  if (preorder.done) return ok("The preorder_sms_confirmed flow is registered and confirmed.");
  const backInStockWorks = backInStock.done || alertsDelivered > 0;
  return {
    id: "preorder-flow-missing",
    status: "problem",
    title: backInStockWorks ? "Back in stock works but the preorder flow is missing" : "Preorder flow missing",
    detail:
      `${preorder.testAccepted ? "The preorder_sms_confirmed trigger is registered but its flow was never confirmed" : "No test event was ever sent for preorder_sms_confirmed, so Postscript has no such trigger"}. ` +
      `The shop ${preorderVariants ? `has ${plural(preorderVariants, "preorder variant")}` : "takes preorders"}` +
      (preorderSent
        ? ` and ${plural(preorderSent, "preorder confirmation")} ${preorderSent === 1 ? "was" : "were"} queued for Postscript.`
        : "."),
    fix: "Click Send test event for Preorder SMS to register preorder_sms_confirmed, create a separate flow in Postscript triggered by it, activate it, then click I've created the Flow.",
    fixHref: flowFixHref(ctx.base, PREORDER_CONFIRMED),
  };
}
