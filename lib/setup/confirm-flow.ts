import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { findEvent } from "./event-catalog";
import type { ConfirmFlowInput } from "./flow-schemas";
import type { FlowRowView } from "./get-flow-rows";

/**
 * "I've created the Flow" (setup step 4): records who confirmed a Postscript flow for an event type and when,
 * or removes the confirmation ("Mark as not created"). Confirming again keeps the first confirmation; only a
 * real change is audited, so double clicks leave one entry.
 */
export async function confirmFlow(
  input: ConfirmFlowInput,
  ctx: ShopContext,
): Promise<{ confirmation: FlowRowView["confirmation"] }> {
  const event = findEvent(input.eventType);
  if (!event) throw new AppError("BAD_REQUEST", "Unknown event type.");
  const where = { shopId: ctx.shop.id, eventType: event.type };

  if (!input.confirmed) {
    const { count } = await prisma.flowConfirmation.deleteMany({ where });
    if (count > 0) await recordAudit(ctx, "setup.flow_unconfirmed", { eventType: event.type });
    return { confirmation: null };
  }

  const { count } = await prisma.flowConfirmation.createMany({
    data: {
      ...where,
      confirmedByUserId: ctx.user.id,
      confirmedByName: ctx.user.name ?? ctx.user.email ?? "A team member",
    },
    skipDuplicates: true,
  });
  if (count > 0) await recordAudit(ctx, "setup.flow_confirmed", { eventType: event.type });
  const row = await prisma.flowConfirmation.findUniqueOrThrow({ where: { shopId_eventType: where } });
  return { confirmation: { by: row.confirmedByName, at: row.createdAt.toISOString() } };
}
