import { prisma } from "@/lib/db/prisma";
import type { DiagnosticCheck } from "../diagnostic-check";
import type { DiagnosticsContext } from "../load-diagnostics-context";
import { plural } from "../plural";

/** A sync still PENDING after this long is stuck, not in flight. */
const STUCK_SYNC_MS = 15 * 60_000;
/** Alerted this long after being added to Postscript, a customer who never got a text most likely never replied Y. */
const OPT_IN_GRACE_DAYS = 3;

const HONEST =
  "Postscript does not tell Signalboard who replied Y to its opt-in text (no opt-in webhook yet), so this check only sees whether each customer was added.";

/**
 * Troubleshooting: "Customer signed up but did not receive SMS" — they have not confirmed the opt-in. What we know:
 * waitlist signups whose Postscript subscriber sync failed or is stuck (they were never asked to opt in), and,
 * as a hint only, customers added days ago and alerted who never bought.
 */
export async function checkSubscriberNotOptedIn(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const waiting = { shopId: ctx.shopId, status: "WAITING" as const, phone: { not: null } };
  const [failed, stuck, alertedNotBought, firstError] = await Promise.all([
    prisma.waitlistEntry.count({ where: { ...waiting, postscriptSync: "FAILED" } }),
    prisma.waitlistEntry.count({ where: { ...waiting, postscriptSync: "PENDING", updatedAt: { lt: new Date(ctx.now.getTime() - STUCK_SYNC_MS) } } }),
    prisma.waitlistEntry.count({
      where: { shopId: ctx.shopId, status: "NOTIFIED", postscriptSync: "SYNCED", createdAt: { lt: new Date(ctx.now.getTime() - OPT_IN_GRACE_DAYS * 86_400_000) } },
    }),
    prisma.waitlistEntry.findFirst({
      where: { ...waiting, postscriptSync: "FAILED", postscriptSyncError: { not: null } },
      orderBy: { updatedAt: "desc" },
      select: { postscriptSyncError: true },
    }),
  ]);
  const hint = alertedNotBought
    ? ` ${plural(alertedNotBought, "customer")} added to Postscript more than ${OPT_IN_GRACE_DAYS} days before being alerted ${alertedNotBought === 1 ? "has" : "have"} not bought; if one says no text arrived, they most likely never replied Y.`
    : "";
  if (failed === 0 && stuck === 0) {
    return {
      id: "subscriber-not-opted-in",
      status: "ok",
      title: "Waitlist signups reach Postscript",
      detail: `Every waiting signup with a phone number was added to Postscript (or is being added), so Postscript has asked each to opt in.${hint} ${HONEST}`,
      fix: "A customer must reply Y to Postscript's opt-in text before Postscript texts them.",
    };
  }
  const parts = [
    failed ? `${plural(failed, "waiting customer")} could not be added to Postscript${firstError?.postscriptSyncError ? ` (latest reason: ${firstError.postscriptSyncError})` : ""}` : null,
    stuck ? `${plural(stuck, "waiting customer")} ${stuck === 1 ? "has" : "have"} been waiting more than ${STUCK_SYNC_MS / 60_000} minutes to be added` : null,
  ].filter(Boolean);
  return {
    id: "subscriber-not-opted-in",
    status: failed ? "problem" : "warning",
    title: "Customers signed up but were never asked to opt in",
    detail: `${parts.join("; ")}. Postscript never sent them its opt-in text, so they cannot reply Y or receive alerts.${hint} ${HONEST}`,
    fix: "Fix the reason shown (usually the Postscript key or keyword in Postscript setup); failed signups are added again automatically once a working key or keyword is saved. Each customer must then reply Y to Postscript's opt-in text.",
    fixHref: `${ctx.base}/back-in-stock`,
  };
}
