import { prisma } from "@/lib/db/prisma";
import { RECENT_WINDOW_DAYS, type DiagnosticCheck } from "../diagnostic-check";
import { formatShopTime } from "@/lib/format/format-shop-time";
import type { DiagnosticsContext } from "../load-diagnostics-context";
import { plural } from "../plural";

/**
 * Sends whose outcome is unknown (the request left, no answer came) and the provider outage pausing sending right
 * now: a merchant must know both, since unconfirmed events are never resent on their own.
 */
export async function checkSendsUnconfirmed(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const since = new Date(ctx.now.getTime() - RECENT_WINDOW_DAYS * 86_400_000);
  const [unconfirmed, pause] = await Promise.all([
    prisma.delivery.aggregate({
      where: { shopId: ctx.shopId, status: "UNCONFIRMED", updatedAt: { gte: since } },
      _count: true,
      _min: { deliveredAt: true },
      _max: { deliveredAt: true },
    }),
    prisma.sendingPause.findFirst({ where: { shopId: ctx.shopId, resumedAt: null }, orderBy: { pausedAt: "desc" } }),
  ]);
  const pauseNote = pause ? ` ${pause.reason}` : "";
  if (unconfirmed._count === 0) {
    return pause
      ? {
          id: "sends-unconfirmed",
          status: "warning",
          title: "Sending is paused: the provider stopped answering",
          detail: `Since ${formatShopTime(pause.pausedAt, ctx.shop.timeZone)}.${pauseNote}`,
          fix: "Nothing to do: waiting events go out as soon as the provider answers again.",
          fixHref: `${ctx.base}/activity`,
        }
      : {
          id: "sends-unconfirmed",
          status: "ok",
          title: "Every send was answered",
          detail: `No event in the last ${RECENT_WINDOW_DAYS} days was left without the provider's answer.`,
          fix: "Nothing to do.",
        };
  }
  const when =
    unconfirmed._min.deliveredAt && unconfirmed._max.deliveredAt
      ? ` between ${formatShopTime(unconfirmed._min.deliveredAt, ctx.shop.timeZone)} and ${formatShopTime(unconfirmed._max.deliveredAt, ctx.shop.timeZone)}`
      : "";
  return {
    id: "sends-unconfirmed",
    status: "problem",
    title: "Events sent without an answer (unconfirmed)",
    detail: `${plural(unconfirmed._count, "event")} left Signalboard${when} but the provider never answered (the connection broke or timed out), so the customer may or may not have been texted. They are not resent on their own, because Postscript does not de-duplicate events.${pauseNote}`,
    fix: "Check in Postscript whether these events arrived; resend the ones that did not from Activity (the customer may get one twice).",
    fixHref: `${ctx.base}/activity?status=UNCONFIRMED`,
  };
}
