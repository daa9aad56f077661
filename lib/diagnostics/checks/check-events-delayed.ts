import { prisma } from "@/lib/db/prisma";
import { changedSince } from "@/lib/deliveries/changed-since";
import type { DiagnosticCheck } from "../diagnostic-check";
import { formatDuration } from "../format-duration";
import { formatShopTime } from "@/lib/format/format-shop-time";
import type { DiagnosticsContext } from "../load-diagnostics-context";
import { plural } from "../plural";
import { postscriptPauseReason } from "../postscript-pause-reason";

const PACE_WINDOW_MS = 5 * 60_000;
/** A queue expected to drain within this is "being sent now", not delayed. */
const DELAYED_AFTER_MS = 2 * 60_000;
/** Waiting this much longer than the queue explains means nothing is sending it. */
const STALLED_AFTER_MS = 10 * 60_000;

/**
 * Troubleshooting: "Events are delayed or not appearing in real time". Shows the queue (events due now), the
 * pace (the key's limit and what was actually delivered in the last 5 minutes), why it is held when it is, and
 * what is scheduled for later (reminders, retries after a backoff).
 */
export async function checkEventsDelayed(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const now = ctx.now;
  const open = { shopId: ctx.shopId, status: { in: ["PENDING" as const, "RETRYING" as const] } };
  const [due, oldest, later, recent, retrying, lastRetry] = await Promise.all([
    prisma.delivery.groupBy({
      by: ["provider"],
      where: { ...open, nextAttemptAt: { lte: now } },
      _count: { _all: true },
    }),
    prisma.delivery.findFirst({
      where: { ...open, nextAttemptAt: { lte: now } },
      orderBy: { nextAttemptAt: "asc" },
      select: { nextAttemptAt: true },
    }),
    prisma.delivery.count({ where: { ...open, nextAttemptAt: { gt: now } } }),
    prisma.delivery.count({
      where: {
        shopId: ctx.shopId,
        status: "DELIVERED",
        ...changedSince("deliveredAt", new Date(now.getTime() - PACE_WINDOW_MS)),
      },
    }),
    prisma.delivery.aggregate({
      where: { shopId: ctx.shopId, status: "RETRYING" },
      _count: true,
      _min: { createdAt: true },
    }),
    prisma.delivery.findFirst({
      where: { shopId: ctx.shopId, status: "RETRYING" },
      orderBy: { updatedAt: "desc" },
      select: { error: true, attempts: true },
    }),
  ]);
  const depth = due.reduce((sum, g) => sum + g._count._all, 0);
  const postscriptDue = due.find((g) => g.provider === "POSTSCRIPT")?._count._all ?? 0;
  const pace = ctx.rateLimitPerSecond;
  const observed = recent / (PACE_WINDOW_MS / 1000);
  const paceText = `Pace: up to ${pace}/s per Postscript key${recent ? `; ${plural(recent, "event")} delivered in the last 5 minutes (${observed.toFixed(1)}/s)` : ""}.`;
  const laterText = later
    ? ` ${plural(later, "event")} ${later === 1 ? "is" : "are"} scheduled for later (reminders, retries after a backoff).`
    : "";
  const asyncNote =
    "Postscript processes events asynchronously, so a short delay between sending and the flow running is normal.";

  // An event retrying after an error is waiting too, even while its next attempt is minutes away: never "nothing waiting".
  if (depth === 0 && retrying._count) {
    const first = retrying._min.createdAt ?? now;
    return {
      id: "events-delayed",
      status: "warning",
      title: "Events are being retried",
      detail: `${plural(retrying._count, "event")} ${retrying._count === 1 ? "is" : "are"} retrying after an error, the oldest for ${formatDuration(now.getTime() - first.getTime())} (since ${formatShopTime(first, ctx.shop.timeZone)}). Latest answer, after ${plural(lastRetry?.attempts ?? 0, "attempt")}: ${lastRetry?.error ?? "none recorded"}.${laterText} ${paceText}`,
      fix: "Nothing to do yet: they are retried automatically with backoff and fail after the last attempt. If the answer names your key or flow, fix that now.",
      fixHref: `${ctx.base}/activity?status=RETRYING`,
    };
  }
  if (depth === 0) {
    return {
      id: "events-delayed",
      status: "ok",
      title: "No events waiting",
      detail: `Queue: 0 events due.${laterText} ${paceText} ${asyncNote}`,
      fix: "Nothing to do. If events still do not appear after several minutes, check the connection status.",
    };
  }
  const paused = postscriptDue ? postscriptPauseReason(ctx) : null;
  const waited = oldest?.nextAttemptAt ? now.getTime() - oldest.nextAttemptAt.getTime() : 0;
  const expectedMs = (depth / Math.max(1, pace)) * 1000;
  const queueText = `Queue: ${plural(depth, "event")} due now, the oldest waiting ${formatDuration(waited)}.`;
  if (paused) {
    return {
      id: "events-delayed",
      status: "problem",
      title: "Events are held",
      detail: `${queueText} Sending is paused because ${paused}; nothing is lost, and they go out as soon as that is fixed.${laterText} ${paceText}`,
      ...(ctx.shop.plan !== "PAID"
        ? {
            fix: "Upgrade to Paid in Settings (or choose Built-in SMS or Klaviyo in Postscript setup step 1); held events are then sent automatically, oldest first.",
            fixHref: `${ctx.base}/settings#plan`,
          }
        : {
            fix: "Fix the Postscript connection in Postscript setup step 2; held events are then sent automatically, oldest first.",
            fixHref: `${ctx.base}/postscript#step-connect`,
          }),
    };
  }
  if (waited > expectedMs + STALLED_AFTER_MS) {
    return {
      id: "events-delayed",
      status: "problem",
      title: "Events are delayed",
      detail: `${queueText} At ${pace}/s that queue takes about ${formatDuration(expectedMs)}, so sending appears stalled.${laterText} ${paceText}`,
      fix: "Background sending may not be running. Contact Signalboard support with your store URL; nothing is lost, the events stay queued.",
      fixHref: `${ctx.base}/activity?status=PENDING`,
    };
  }
  if (expectedMs > DELAYED_AFTER_MS) {
    return {
      id: "events-delayed",
      status: "warning",
      title: "Events are delayed",
      detail: `${queueText} They are being sent at Postscript's rate limit; about ${formatDuration(expectedMs)} left.${laterText} ${paceText}`,
      fix: "Nothing to do: they go out automatically, oldest first. Restocking many products at once makes this queue longer; space restocks out to keep alerts timely.",
      fixHref: `${ctx.base}/back-in-stock`,
    };
  }
  return {
    id: "events-delayed",
    status: "ok",
    title: "Events are being sent",
    detail: `${queueText} They should be out in about ${formatDuration(expectedMs)}.${laterText} ${paceText} ${asyncNote}`,
    fix: "Nothing to do.",
  };
}
