import { prisma } from "@/lib/db/prisma";
import type { DiagnosticCheck } from "../diagnostic-check";
import type { DiagnosticsContext } from "../load-diagnostics-context";
import { formatShopTime } from "@/lib/format/format-shop-time";
import { plural } from "../plural";

/** A sync still PENDING after this long is stuck, not in flight. */
const STUCK_SYNC_MS = 15 * 60_000;
/** Postscript texts the opt-in request at once; a customer silent for longer than this has most likely not replied. */
const OPT_IN_GRACE_MS = 30 * 60_000;

type ConsentGaps = { silent: number; since: Date | null; optedOut: number };

/**
 * Waiting signups added to Postscript: those whose phone has no consent and signed up before `silentBefore` (how
 * many, since when), and those whose phone opted out. Each signup carries its phone's consent (kept by triggers), so
 * these are two ranges of the (shopId, status, postscriptSync, consent, createdAt) index, not a join of a big shop's
 * tens of thousands of waiting signups with its consents.
 */
async function consentGaps(shopId: string, silentBefore: Date, now: Date): Promise<ConsentGaps> {
  const [row] = await prisma.$queryRaw<ConsentGaps[]>`
    SELECT count(*) FILTER (WHERE consent IS NULL AND "createdAt" < ${silentBefore})::int AS silent,
           min("createdAt") FILTER (WHERE consent IS NULL AND "createdAt" < ${silentBefore}) AS since,
           count(*) FILTER (WHERE consent = 'OPTED_OUT' AND "createdAt" < ${now})::int AS "optedOut"
      FROM "WaitlistEntry"
     WHERE "shopId" = ${shopId} AND status = 'WAITING' AND "postscriptSync" = 'SYNCED' AND phone IS NOT NULL
       AND (consent IS NULL OR consent = 'OPTED_OUT')`;
  return row ?? { silent: 0, since: null, optedOut: 0 };
}

/**
 * Troubleshooting: "Customer signed up but did not receive SMS" — they have not confirmed the opt-in. Evidence:
 * Postscript's opt-in and opt-out webhooks per phone, so the check says how many waiting customers never replied
 * Y and since when, how many replied STOP, and which signups never reached Postscript (failed or stuck syncs).
 */
export async function checkSubscriberNotOptedIn(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const waiting = { shopId: ctx.shopId, status: "WAITING" as const, phone: { not: null } };
  const [failed, stuck, firstError, gaps, hooks] = await Promise.all([
    prisma.waitlistEntry.count({ where: { ...waiting, postscriptSync: "FAILED" } }),
    prisma.waitlistEntry.count({
      where: { ...waiting, postscriptSync: "PENDING", updatedAt: { lt: new Date(ctx.now.getTime() - STUCK_SYNC_MS) } },
    }),
    prisma.waitlistEntry.findFirst({
      where: { ...waiting, postscriptSync: "FAILED", postscriptSyncError: { not: null } },
      orderBy: { updatedAt: "desc" },
      select: { postscriptSyncError: true },
    }),
    consentGaps(ctx.shopId, new Date(ctx.now.getTime() - OPT_IN_GRACE_MS), ctx.now),
    prisma.integration.findUnique({
      where: { shopId_provider: { shopId: ctx.shopId, provider: "POSTSCRIPT" } },
      select: { encryptedKey: true, webhookIds: true, webhookError: true },
    }),
  ]);
  const base = {
    id: "subscriber-not-opted-in" as const,
    title: "Customers signed up but never opted in",
    fixHref: `${ctx.base}/back-in-stock`,
  };
  if (failed || stuck) {
    const parts = [
      failed
        ? `${plural(failed, "waiting customer")} could not be added to Postscript${firstError?.postscriptSyncError ? ` (latest reason: ${firstError.postscriptSyncError})` : ""}`
        : null,
      stuck
        ? `${plural(stuck, "waiting customer")} ${stuck === 1 ? "has" : "have"} been waiting more than ${STUCK_SYNC_MS / 60_000} minutes to be added`
        : null,
    ].filter(Boolean);
    return {
      ...base,
      status: failed ? "problem" : "warning",
      title: "Customers signed up but were never asked to opt in",
      detail: `${parts.join("; ")}. Postscript never sent them its opt-in text, so they cannot reply Y or receive alerts.`,
      fix: "Fix the reason shown (usually the Postscript key or keyword in Postscript setup); failed signups are added again automatically once a working key or keyword is saved.",
    };
  }
  if (hooks?.encryptedKey && hooks.webhookIds.length === 0) {
    return {
      ...base,
      status: "warning",
      title: "Opt-ins from Postscript are not being received",
      detail: `Signalboard could not subscribe to Postscript's opt-in webhooks${hooks.webhookError ? ` (${hooks.webhookError})` : ""}, so it cannot tell who replied Y.`,
      fix: "Use “Verify again” in Postscript setup step 2: it subscribes again.",
      fixHref: `${ctx.base}/postscript#step-connect`,
    };
  }
  if (gaps.silent) {
    const stopped = gaps.optedOut ? ` ${gaps.optedOut} more replied STOP and will not be texted.` : "";
    return {
      ...base,
      status: "warning",
      detail: `${plural(gaps.silent, "waiting customer")} ${gaps.silent === 1 ? "was" : "were"} added to Postscript but never replied Y to its opt-in text (the oldest since ${formatShopTime(gaps.since!, ctx.shop.timeZone)}). Postscript will not text them an alert until they do.${stopped}`,
      fix: "Postscript texts a customer only after they reply Y. Check the keyword's opt-in message in Postscript; customers who did not get it can sign up again.",
    };
  }
  return {
    ...base,
    status: "ok",
    title: "Waitlist signups opted in",
    detail: `Every waiting customer added to Postscript more than ${OPT_IN_GRACE_MS / 60_000} minutes ago replied Y (per Postscript's opt-in webhooks).${gaps.optedOut ? ` ${plural(gaps.optedOut, "customer")} replied STOP and will not be texted.` : ""}`,
    fix: "Nothing to do.",
  };
}
