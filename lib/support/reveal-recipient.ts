import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { RevealRecipientInput } from "./support-action-schemas";
import type { SupportContext } from "./run-support-action";

export type RevealedRecipient = { deliveryId: string; phone: string | null; email: string | null; name: string | null };

/**
 * The unmasked phone, email and name of one delivery's customer, for an agent who gave a reason (the caller
 * audits it). Links stay masked: an order's portal link is never shown whole to anyone but the customer.
 */
export async function revealRecipient(input: RevealRecipientInput, ctx: SupportContext): Promise<RevealedRecipient> {
  const row = await prisma.delivery.findFirst({
    where: { id: input.deliveryId, shopId: ctx.shop.id },
    select: { id: true, recipientPhone: true, recipientEmail: true, properties: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "Delivery not found in this shop.");
  if (!row.recipientPhone && !row.recipientEmail)
    throw new AppError("BAD_REQUEST", "This delivery has no phone or email to reveal.");
  const properties =
    row.properties && typeof row.properties === "object" && !Array.isArray(row.properties) ? row.properties : {};
  const name =
    "customer_name" in properties && typeof properties.customer_name === "string" && properties.customer_name
      ? properties.customer_name
      : null;
  return { deliveryId: row.id, phone: row.recipientPhone, email: row.recipientEmail, name };
}
