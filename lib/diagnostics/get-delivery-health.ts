import { prisma } from "@/lib/db/prisma";
import { changedSince } from "@/lib/deliveries/changed-since";
import type { Prisma } from "@/lib/generated/prisma/client";
import { RECENT_WINDOW_DAYS } from "./diagnostic-check";
import { loadDiagnosticsContext } from "./load-diagnostics-context";
import { plural } from "./plural";
import { postscriptPauseReason } from "./postscript-pause-reason";

/** The states of a send a merchant must hear about on the Overview, worst first. */
export type DeliveryTrouble = "failed" | "unconfirmed" | "paused" | "held" | "retrying" | "skipped";

/** One kind of trouble: how many, since when, the provider's latest answer, and where the fix is made. */
export type DeliveryHealthItem = {
  kind: DeliveryTrouble;
  /** "problem": texts did not or may not go out; "warning": they are late; "info": sent on purpose to nobody. */
  tone: "problem" | "warning" | "info";
  count: number;
  /** One line, with the count: "2 alerts failed". */
  title: string;
  /** The earliest moment of this trouble among the rows counted (ISO). */
  since: string;
  /** What the provider (or Signalboard) last said about one of them, or null when nothing was said. */
  latestAnswer: string | null;
  fix: string;
  fixHref: string;
};

export type DeliveryHealth = {
  items: DeliveryHealthItem[];
  /** The worst tone among the items, or "ok" when every send in the window was delivered or is on its way on time. */
  tone: "ok" | DeliveryHealthItem["tone"];
  timeZone: string;
};

const TONE_RANK = { problem: 0, warning: 1, info: 2 } as const;

/**
 * What the Overview's banner says about sending, from the ledger itself: events that failed (after their retries)
 * or were left unanswered in the last 7 days, events retrying now, events held by a paused provider or a stopped
 * connection, and events skipped on purpose. A merchant who sees "Connected" must also see that texts are not
 * arriving. Null when the shop does not exist.
 */
export async function getDeliveryHealth(shopId: string, now = new Date()): Promise<DeliveryHealth | null> {
  const ctx = await loadDiagnosticsContext(shopId, { live: false, now });
  if (!ctx) return null;
  const since = new Date(now.getTime() - RECENT_WINDOW_DAYS * 86_400_000);
  const base = ctx.base;
  const [failed, unconfirmed, retrying, skipped, pause, held] = await Promise.all([
    tally({ shopId, status: "FAILED", updatedAt: { gte: since } }, "updatedAt"),
    tally({ shopId, status: "UNCONFIRMED", updatedAt: { gte: since } }, "deliveredAt"),
    tally({ shopId, status: "RETRYING" }, "createdAt"),
    tally({ shopId, status: "SKIPPED", ...changedSince("createdAt", since) }, "createdAt"),
    prisma.sendingPause.findFirst({ where: { shopId, resumedAt: null }, orderBy: { pausedAt: "asc" } }),
    tally(
      { shopId, provider: "POSTSCRIPT", status: { in: ["PENDING", "RETRYING"] }, nextAttemptAt: { lte: now } },
      "createdAt",
    ),
  ]);
  const items: DeliveryHealthItem[] = [];

  if (failed.count) {
    items.push({
      kind: "failed",
      tone: "problem",
      count: failed.count,
      title: `${plural(failed.count, "event")} failed: the customer${failed.count === 1 ? " was" : "s were"} not texted`,
      since: failed.since.toISOString(),
      latestAnswer: failed.latest?.error ?? null,
      fix: "Fix what the answer names (the key, the flow or the customer's number), then ask Signalboard support to replay the failed events.",
      fixHref: `${base}/activity?status=FAILED`,
    });
  }
  if (unconfirmed.count) {
    items.push({
      kind: "unconfirmed",
      tone: "problem",
      count: unconfirmed.count,
      title: `${plural(unconfirmed.count, "event")} sent without an answer (unconfirmed)`,
      since: unconfirmed.since.toISOString(),
      latestAnswer: unconfirmed.latest?.error ?? null,
      fix: "Check in Postscript whether they arrived; resend the ones that did not from Activity.",
      fixHref: `${base}/activity?status=UNCONFIRMED`,
    });
  }
  const stopped = postscriptPauseReason(ctx);
  if (held.count && stopped) {
    items.push({
      kind: "held",
      tone: "problem",
      count: held.count,
      title: `${plural(held.count, "event")} held: ${stopped}`,
      since: held.since.toISOString(),
      latestAnswer: null,
      fix: "Nothing is lost: fix the connection and held events go out automatically, oldest first.",
      fixHref: ctx.shop.plan !== "PAID" ? `${base}/settings#plan` : `${base}/postscript#step-connect`,
    });
  } else if (pause) {
    items.push({
      kind: "paused",
      tone: "warning",
      count: held.count,
      title: `Sending is paused: the provider stopped answering${held.count ? ` (${plural(held.count, "event")} waiting)` : ""}`,
      since: pause.pausedAt.toISOString(),
      latestAnswer: pause.reason,
      fix: "Nothing to do: Signalboard keeps checking and waiting events go out as soon as the provider answers again.",
      fixHref: `${base}/activity`,
    });
  }
  if (retrying.count) {
    items.push({
      kind: "retrying",
      tone: "warning",
      count: retrying.count,
      title: `${plural(retrying.count, "event")} retrying after an error`,
      since: retrying.since.toISOString(),
      latestAnswer: retrying.latest?.error ?? null,
      fix: "Nothing to do yet: they are retried automatically with backoff and fail after the last attempt. If the answer names your key or flow, fix that now.",
      fixHref: `${base}/activity?status=RETRYING`,
    });
  }
  if (skipped.count) {
    items.push({
      kind: "skipped",
      tone: "info",
      count: skipped.count,
      title: `${plural(skipped.count, "event")} skipped on purpose in the last ${RECENT_WINDOW_DAYS} days`,
      since: skipped.since.toISOString(),
      latestAnswer: skipped.latest?.skipReason ?? null,
      fix: "Each skip names its reason in Activity (no phone or email, opted out, another provider chosen).",
      fixHref: `${base}/activity?status=SKIPPED`,
    });
  }
  items.sort((a, b) => TONE_RANK[a.tone] - TONE_RANK[b.tone]);
  return { items, tone: items[0]?.tone ?? "ok", timeZone: ctx.shop.timeZone };
}

/** How many rows match, the earliest of one of their moments, and the newest row's answer. */
async function tally(where: Prisma.DeliveryWhereInput, at: "createdAt" | "updatedAt" | "deliveredAt") {
  const select = { createdAt: true, updatedAt: true, deliveredAt: true, error: true, skipReason: true } as const;
  const [count, first, latest] = await Promise.all([
    prisma.delivery.count({ where }),
    prisma.delivery.findFirst({ where, orderBy: { [at]: "asc" }, select }),
    prisma.delivery.findFirst({ where, orderBy: { updatedAt: "desc" }, select }),
  ]);
  return { count, since: first?.[at] ?? first?.createdAt ?? new Date(), latest };
}
