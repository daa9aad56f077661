import { prisma } from "@/lib/db/prisma";
import { INTEGRATION_CONNECTED } from "@/lib/postscript-connection/send-integration-connected";
import { RECENT_WINDOW_DAYS, type DiagnosticCheck } from "../diagnostic-check";
import type { DiagnosticsContext } from "../load-diagnostics-context";
import { plural } from "../plural";

/**
 * Troubleshooting: "Events aren't matching subscribers in Postscript". Postscript matches phone first, then email,
 * and does not tell us whether it matched. What we can see: events delivered with an email only (they match only
 * a subscriber whose profile has that email), and alerts to waitlist customers we never added as subscribers.
 */
export async function checkEventsNotMatching(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const since = new Date(ctx.now.getTime() - RECENT_WINDOW_DAYS * 86_400_000);
  // One pass over the window's delivered events (a big shop's tens of thousands, from (shopId, createdAt)), not one
  // query per question. Signups never added to Postscript are few: found first through (shopId, postscriptSync)
  // (each other state named, as PostgreSQL reads a list from the index but not a `<>`), then hashed; joining every
  // alert to its signup cost one lookup per alert. No bound on updatedAt: PostgreSQL ANDed in the whole table's
  // updatedAt index for it (135 ms at 10,000,000 rows).
  // "Integration Connected" goes to the merchant, not a customer: it has nobody to match (nor a waitlist entry).
  const [counts] = await prisma.$queryRaw<{ emailOnly: number; total: number; notSynced: number }[]>`
    SELECT count(*) FILTER (WHERE d."recipientPhone" IS NULL AND d."recipientEmail" IS NOT NULL)::int AS "emailOnly",
           count(*)::int AS total,
           count(*) FILTER (WHERE d."waitlistEntryId" IN (
             SELECT e.id FROM "WaitlistEntry" e
              WHERE e."shopId" = ${ctx.shopId} AND e."postscriptSync" IN ('NOT_NEEDED', 'PENDING', 'FAILED')
                AND e.phone IS NOT NULL))::int AS "notSynced"
      FROM "Delivery" d
     WHERE d."shopId" = ${ctx.shopId} AND d.provider = 'POSTSCRIPT' AND d.status = 'DELIVERED'
       AND d."createdAt" >= ${since} AND d."eventType" <> ${INTEGRATION_CONNECTED}`;
  const { emailOnly, total, notSynced } = counts ?? { emailOnly: 0, total: 0, notSynced: 0 };
  const honest =
    "Postscript does not report whether an event matched a subscriber, so Signalboard can only point at likely misses.";
  if (emailOnly === 0 && notSynced === 0) {
    return {
      id: "events-not-matching",
      status: "ok",
      title: "Events carry a phone number",
      detail: total
        ? `All ${plural(total, "event")} delivered to Postscript in the last ${RECENT_WINDOW_DAYS} days carried a phone number, and every waitlist customer alerted was added as a subscriber. ${honest}`
        : `No events were delivered to Postscript in the last ${RECENT_WINDOW_DAYS} days. ${honest}`,
      fix: "If one customer did not get a text, use “Why didn't a customer get a text?” below with their phone or email.",
    };
  }
  const parts = [
    emailOnly
      ? `${plural(emailOnly, "event")} went with an email only (no phone), so ${emailOnly === 1 ? "it matches" : "they match"} only a subscriber whose Postscript profile has that email`
      : null,
    notSynced
      ? `${plural(notSynced, "back-in-stock alert")} went to waitlist customers Signalboard never added to Postscript (signed up while another SMS provider was active, or the sync failed), so ${notSynced === 1 ? "it matches" : "they match"} only if they subscribed some other way`
      : null,
  ].filter(Boolean);
  return {
    id: "events-not-matching",
    status: "warning",
    title: "Events may not match subscribers",
    detail: `In the last ${RECENT_WINDOW_DAYS} days ${parts.join("; ")}. Postscript matches subscribers by phone number first, then email; an event that matches nobody triggers no flow. ${honest}`,
    fix: "Check that the customer is a Postscript subscriber and that their phone number or email in Shopify matches the one in Postscript. Ask for a phone number at checkout so events carry one.",
    fixHref: `${ctx.base}/activity`,
  };
}
