import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { RevealRecipientInput } from "./support-action-schemas";
import type { SupportContext } from "./run-support-action";

export type RevealedRecipient = { deliveryId: string; phone: string | null; email: string | null };

/** The unmasked phone and email of one delivery, for an agent who gave a reason (the caller audits it). */
export async function revealRecipient(input: RevealRecipientInput, ctx: SupportContext): Promise<RevealedRecipient> {
  const row = await prisma.delivery.findFirst({
    where: { id: input.deliveryId, shopId: ctx.shop.id },
    select: { id: true, recipientPhone: true, recipientEmail: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "Delivery not found in this shop.");
  if (!row.recipientPhone && !row.recipientEmail) throw new AppError("BAD_REQUEST", "This delivery has no phone or email to reveal.");
  return { deliveryId: row.id, phone: row.recipientPhone, email: row.recipientEmail };
}
