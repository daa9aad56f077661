import { prisma } from "@/lib/db/prisma";
import { changedSince } from "@/lib/deliveries/changed-since";
import { RECENT_WINDOW_DAYS, type DiagnosticCheck } from "../diagnostic-check";
import { formatDuration } from "../format-duration";
import { formatShopTime } from "@/lib/format/format-shop-time";
import type { DiagnosticsContext } from "../load-diagnostics-context";
import { plural } from "../plural";

/**
 * Troubleshooting: "Postscript rate limit exceeded". Shows when Postscript answered 429 and how much it delayed:
 * events waiting to be retried after a 429 now, events that failed after too many 429s, and events delivered
 * late because of 429s (each row keeps its 429 count and the first and last 429), over the recent window.
 */
export async function checkRateLimited(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const since = new Date(ctx.now.getTime() - RECENT_WINDOW_DAYS * 86_400_000);
  const delayedWhere = {
    shopId: ctx.shopId,
    status: "DELIVERED" as const,
    rateLimitedAttempts: { gt: 0 },
    ...changedSince("deliveredAt", since),
  };
  const [retrying, failed, delayed] = await Promise.all([
    prisma.delivery.findMany({
      where: { shopId: ctx.shopId, status: "RETRYING", responseStatus: 429 },
      select: { createdAt: true, lastAttemptAt: true, nextAttemptAt: true },
    }),
    prisma.delivery.findMany({
      where: { shopId: ctx.shopId, status: "FAILED", responseStatus: 429, updatedAt: { gte: since } },
      select: { createdAt: true, lastAttemptAt: true },
    }),
    prisma.delivery.aggregate({
      where: delayedWhere,
      _count: true,
      _sum: { rateLimitedAttempts: true },
      _min: { firstRateLimitedAt: true },
      _max: { lastRateLimitedAt: true },
    }),
  ]);
  const worstDelay = delayed._count
    ? await prisma.$queryRaw<{ ms: number | null }[]>`
        SELECT MAX(EXTRACT(EPOCH FROM ("deliveredAt" - "firstRateLimitedAt")) * 1000)::float8 AS ms FROM "Delivery"
         WHERE "shopId" = ${ctx.shopId} AND status = 'DELIVERED' AND "rateLimitedAttempts" > 0 AND "deliveredAt" >= ${since}
           AND "updatedAt" >= ${since} -- as changedSince does`
    : [];
  const retriedNote =
    delayed._count && delayed._min.firstRateLimitedAt && delayed._max.lastRateLimitedAt
      ? ` ${plural(delayed._count, "event")} delivered in the last ${RECENT_WINDOW_DAYS} days ${delayed._count === 1 ? "was" : "were"} delayed by Postscript's rate limit (${plural(delayed._sum.rateLimitedAttempts ?? 0, "429 answer")} between ${formatShopTime(delayed._min.firstRateLimitedAt, ctx.shop.timeZone)} and ${formatShopTime(delayed._max.lastRateLimitedAt, ctx.shop.timeZone)}, the longest delay ${formatDuration(worstDelay[0]?.ms ?? 0)}).`
      : "";
  const why = `Signalboard paces every key at ${ctx.rateLimitPerSecond}/s, Postscript's limit; 429s despite that usually mean another app or script uses the same API key.`;
  if (retrying.length === 0 && failed.length === 0) {
    return {
      id: "rate-limited",
      status: "ok",
      title: "No rate limiting",
      detail: `No event is waiting on Postscript's rate limit, and none failed because of it in the last ${RECENT_WINDOW_DAYS} days.${retriedNote}`,
      fix: "Nothing to do.",
    };
  }
  const rows = [...retrying, ...failed];
  const first = new Date(Math.min(...rows.map((r) => (r.lastAttemptAt ?? r.createdAt).getTime())));
  const last = new Date(Math.max(...rows.map((r) => (r.lastAttemptAt ?? r.createdAt).getTime())));
  const maxDelay = Math.max(0, ...retrying.map((r) => (r.nextAttemptAt ?? ctx.now).getTime() - r.createdAt.getTime()));
  const parts = [
    retrying.length
      ? `${plural(retrying.length, "event")} ${retrying.length === 1 ? "is" : "are"} waiting to be retried after a 429, delayed by up to ${formatDuration(maxDelay)} so far`
      : null,
    failed.length
      ? `${plural(failed.length, "event")} failed after repeated 429s (Signalboard support can replay ${failed.length === 1 ? "it" : "them"})`
      : null,
  ].filter(Boolean);
  return {
    id: "rate-limited",
    status: failed.length ? "problem" : "warning",
    title: "Postscript rate limit exceeded",
    detail: `Postscript answered “Rate limit exceeded” between ${formatShopTime(first, ctx.shop.timeZone)} and ${formatShopTime(last, ctx.shop.timeZone)}: ${parts.join("; ")}. ${why}${retriedNote}`,
    fix: "Wait: waiting events are retried automatically with backoff. If you restock many products at once, space the restocks out, and give Signalboard its own Security Key Pair in Postscript so no other tool shares its limit.",
    fixHref: `${ctx.base}/activity?status=${failed.length ? "FAILED" : "RETRYING"}`,
  };
}
