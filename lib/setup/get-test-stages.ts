import { prisma } from "@/lib/db/prisma";
import { maskRecipient } from "@/lib/deliveries/mask-recipient";

export type TestStage = { key: "signup" | "synced" | "restock" | "delivered"; label: string; done: boolean; detail: string };

/**
 * Step 5's stages for the shop's most recent storefront signup with a phone: signed up, synced to Postscript
 * (the customer then confirms by replying Y), restocked or sent, and the alert delivered.
 */
export async function getTestStages(shopId: string): Promise<{ stages: TestStage[]; done: boolean }> {
  const entry = await prisma.waitlistEntry.findFirst({
    where: { shopId, phone: { not: null } },
    orderBy: { createdAt: "desc" },
    include: { variant: { select: { title: true, product: { select: { title: true } } } } },
  });
  const delivered = await prisma.delivery.findFirst({
    where: { shopId, provider: "POSTSCRIPT", eventType: "back_in_stock_sms_alert", status: "DELIVERED" },
    orderBy: { deliveredAt: "desc" },
  });
  const restock = entry
    ? await prisma.restock.findFirst({ where: { shopId, variantId: entry.variantId, createdAt: { gte: entry.createdAt } }, orderBy: { createdAt: "desc" } })
    : null;
  const product = entry ? `${entry.variant.product.title} – ${entry.variant.title}` : "";
  const stages: TestStage[] = [
    {
      key: "signup",
      label: "Sign up on your storefront with your phone number",
      done: Boolean(entry),
      detail: entry ? `${maskRecipient(entry.phone, null)} joined the waitlist for ${product}.` : "Waiting for a signup with a phone number.",
    },
    {
      key: "synced",
      label: "Reply Y to Postscript's opt-in text",
      done: entry?.postscriptSync === "SYNCED",
      detail: !entry
        ? "After signing up, Postscript texts the customer to confirm."
        : entry.postscriptSync === "SYNCED"
          ? "Added to Postscript with your keyword. Postscript has texted the opt-in request; reply Y (Postscript records the consent)."
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
      detail: restock ? `${restock.trigger === "MANUAL" ? "Sent by hand" : "Restocked"} at ${restock.createdAt.toLocaleString()}.` : "Waiting for a restock or Send.",
    },
    {
      key: "delivered",
      label: "The back-in-stock SMS is delivered through Postscript",
      done: Boolean(delivered),
      detail: delivered ? `Postscript accepted the alert at ${delivered.deliveredAt?.toLocaleString() ?? ""}.` : "No alert delivered yet.",
    },
  ];
  return { stages, done: Boolean(delivered) };
}
