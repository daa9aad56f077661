import { prisma } from "@/lib/db/prisma";
import { maskRecipient } from "@/lib/deliveries/mask-recipient";
import { formatShopTime } from "@/lib/format/format-shop-time";
import { findTextedAlert } from "./find-texted-alert";

export type TestStage = {
  key: "signup" | "synced" | "restock" | "delivered";
  label: string;
  done: boolean;
  detail: string;
};

/** Why the opt-in stage is still open, for a signup that reached Postscript. */
function waitingForReply(webhooks: { ids: number; error: string | null } | null): string {
  if (!webhooks?.ids) {
    return `Added to Postscript, but Signalboard is not receiving Postscript's opt-in webhooks${webhooks?.error ? ` (${webhooks.error})` : ""}, so it cannot see the reply. Use “Verify again” in step 2 to subscribe again.`;
  }
  return "Added to Postscript with your keyword; Postscript has texted the opt-in request. Waiting for the customer to reply Y (Postscript tells Signalboard when they do).";
}

/**
 * Step 5's stages for the shop's most recent storefront signup with a phone: signed up, opted in (Postscript's
 * opt-in webhook for that phone, not merely "added to Postscript"), restocked or sent, and an alert accepted by
 * Postscript for a customer who had opted in. `done` when that last evidence exists.
 */
export async function getTestStages(shopId: string): Promise<{ stages: TestStage[]; done: boolean }> {
  const [entry, alert, integration, shop] = await Promise.all([
    prisma.waitlistEntry.findFirst({
      where: { shopId, phone: { not: null } },
      orderBy: { createdAt: "desc" },
      include: { variant: { select: { title: true, product: { select: { title: true } } } } },
    }),
    findTextedAlert(shopId),
    prisma.integration.findUnique({
      where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
      select: { webhookIds: true, webhookError: true },
    }),
    prisma.shop.findUnique({ where: { id: shopId }, select: { timeZone: true } }),
  ]);
  const when = (date: Date) => formatShopTime(date, shop?.timeZone ?? "UTC");
  const [restock, consent] = entry
    ? await Promise.all([
        prisma.restock.findFirst({
          where: { shopId, variantId: entry.variantId, createdAt: { gte: entry.createdAt } },
          orderBy: { createdAt: "desc" },
        }),
        prisma.subscriberConsent.findUnique({ where: { shopId_phone: { shopId, phone: entry.phone! } } }),
      ])
    : [null, null];
  const webhooks = integration ? { ids: integration.webhookIds.length, error: integration.webhookError } : null;
  const product = entry ? `${entry.variant.product.title} – ${entry.variant.title}` : "";
  const optedIn = consent?.state === "OPTED_IN";
  const stages: TestStage[] = [
    {
      key: "signup",
      label: "Sign up on your storefront with your phone number",
      done: Boolean(entry),
      detail: entry
        ? `${maskRecipient(entry.phone, null)} joined the waitlist for ${product}.`
        : "Waiting for a signup with a phone number.",
    },
    {
      key: "synced",
      label: "Reply Y to Postscript's opt-in text",
      done: optedIn,
      detail: !entry
        ? "After signing up, Postscript texts the customer to confirm."
        : consent?.state === "OPTED_IN"
          ? `Opted in: Postscript reported the reply Y on ${when(consent.optedInAt ?? consent.lastEventAt)}.`
          : consent?.state === "OPTED_OUT"
            ? `Opted out on ${when(consent.optedOutAt ?? consent.lastEventAt)} (replied STOP): Postscript will not text this number.`
            : entry.postscriptSync === "SYNCED"
              ? waitingForReply(webhooks)
              : entry.postscriptSync === "FAILED"
                ? `Could not add the subscriber to Postscript: ${entry.postscriptSyncError ?? "unknown error"}`
                : entry.postscriptSync === "PENDING"
                  ? "Adding the subscriber to Postscript…"
                  : "This signup was not sent to Postscript: Postscript was not the active SMS provider.",
    },
    {
      key: "restock",
      label: "Restock the product, or click Send on the waitlist",
      done: Boolean(restock),
      detail: restock
        ? `${restock.trigger === "MANUAL" ? "Sent by hand" : "Restocked"} on ${when(restock.createdAt)}.`
        : "Waiting for a restock or Send.",
    },
    {
      key: "delivered",
      label: "The back-in-stock SMS reaches an opted-in customer",
      done: Boolean(alert.texted),
      detail: alert.texted
        ? `Postscript accepted the alert for ${maskRecipient(alert.texted.phone, null)}, who had replied Y, on ${when(alert.texted.deliveredAt)}.`
        : alert.accepted
          ? `Postscript accepted an alert on ${when(alert.accepted.deliveredAt)}, but that customer had not replied Y, so Postscript did not text them.`
          : "No alert delivered yet.",
    },
  ];
  return { stages, done: Boolean(alert.texted) };
}
