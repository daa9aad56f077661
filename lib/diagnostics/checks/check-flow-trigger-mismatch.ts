import { prisma } from "@/lib/db/prisma";
import { PREORDER_CONFIRMED } from "@/lib/deliveries/event-types";
import { getFlowRows } from "@/lib/setup/get-flow-rows";
import type { DiagnosticCheck } from "../diagnostic-check";
import { flowFixHref } from "../flow-fix-href";
import type { DiagnosticsContext } from "../load-diagnostics-context";
import { plural } from "../plural";
import { postscriptTypesInUse } from "../postscript-types-in-use";

const DELIVERED_CAP = 1000;

/**
 * Troubleshooting: "Test event sent but Flow does not trigger" (the flow's trigger does not match the event
 * type). What Signalboard can see: for each type the shop sends to Postscript, whether a test event was ever
 * accepted (so the trigger exists) and whether the merchant confirmed the flow. Preorders have their own check.
 * A problem when real events of an unconfirmed type were delivered (customers missed texts), else a warning.
 */
export async function checkFlowTriggerMismatch(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const types = [...(await postscriptTypesInUse(ctx))].filter((t) => t !== PREORDER_CONFIRMED);
  const rows = (await getFlowRows(ctx.shopId, types)).filter((r) => !r.done);
  if (types.length === 0 || rows.length === 0) {
    return {
      id: "flow-trigger-mismatch",
      status: "ok",
      title: "Flows registered and confirmed",
      detail: types.length
        ? `Every event type sent to Postscript (${types.join(", ")}) has an accepted test event and a confirmed flow.`
        : "No event types are sent to Postscript yet.",
      fix: "Nothing to do. If a flow still does not run, check in Postscript that its trigger is exactly the event name and that it is active.",
    };
  }
  // Counted up to a cap: a big shop's whole ledger of these types is a million rows, and past the cap the words
  // say "more than".
  const delivered = await prisma.delivery.count({
    where: {
      shopId: ctx.shopId,
      provider: "POSTSCRIPT",
      status: "DELIVERED",
      eventType: { in: rows.map((r) => r.type) },
    },
    take: DELIVERED_CAP + 1,
  });
  const what = rows.map(
    (r) => `${r.displayName} (${r.type}): ${r.testAccepted ? "flow not confirmed" : "test event never sent"}`,
  );
  return {
    id: "flow-trigger-mismatch",
    status: delivered > 0 ? "problem" : "warning",
    title: "Flow trigger may not match",
    detail:
      `${what.join("; ")}. ` +
      (delivered > 0
        ? `${delivered > DELIVERED_CAP ? `More than ${plural(DELIVERED_CAP, "event")}` : plural(delivered, "event")} of ${rows.length === 1 ? "this type were" : "these types were"} delivered to Postscript; a flow runs only when its trigger is exactly the event name.`
        : "Postscript starts a flow only when its trigger is exactly the event name."),
    fix: "Click Send test event for each type listed so Postscript registers the trigger. In Postscript, create a flow whose trigger is exactly that event name, activate it, then click I've created the Flow.",
    fixHref: flowFixHref(ctx.base, rows[0]!.type),
  };
}
