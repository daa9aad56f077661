import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/action-result";
import { runShopAction } from "@/lib/actions/run-shop-action";
import type { SessionUser, ShopContext } from "@/lib/auth/shop-context";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A support agent acting on a shop (never one of its members). */
export type SupportContext = ShopContext & { role: "SUPPORT_AGENT" };

export type SupportActionDefinition<S extends z.ZodType<{ shopId: string; reason: string }>, R> = {
  /** The audit log's action name, e.g. "support.delivery_replayed". */
  action: string;
  schema: S;
  handler: (input: z.infer<S>, ctx: SupportContext) => Promise<R>;
  /** What the audit entry records besides agent, shop, time and reason (never a secret or a full phone/email). */
  auditMetadata: (input: z.infer<S>, result: R) => Prisma.InputJsonObject;
};

/**
 * Runs one of the few things a support agent may do in a shop (re-verify the key, replay a failed delivery,
 * resend a test event, reveal a recipient): validated like every shop action, refused with 404 for anyone who
 * is not a support agent (merchants never reach these, even in their own shop), and, when it succeeds, recorded
 * in the audit log with the agent, shop, time and the reason they gave. A refused or failed attempt changes
 * nothing and records nothing.
 */
export async function runSupportAction<S extends z.ZodType<{ shopId: string; reason: string }>, R>(
  user: SessionUser | null,
  definition: SupportActionDefinition<S, R>,
  rawInput: unknown,
): Promise<ActionResult<R>> {
  if (user && !user.isSupportAgent) return { ok: false, code: "NOT_FOUND", message: "Shop not found." };
  return runShopAction(
    user,
    definition.schema,
    async (input, ctx) => {
      const agent = await prisma.supportAgent.findUnique({ where: { userId: ctx.user.id }, select: { id: true } });
      // A member of the shop who is also an agent acts as a member there, and members cannot use support actions.
      if (!agent || ctx.role !== "SUPPORT_AGENT") throw new AppError("NOT_FOUND", "Shop not found.");
      const supportCtx = ctx as SupportContext;
      const result = await definition.handler(input, supportCtx);
      await prisma.auditLog.create({
        data: {
          shopId: ctx.shop.id,
          actorUserId: ctx.user.id,
          actorType: "SUPPORT_AGENT",
          action: definition.action,
          reason: input.reason,
          metadata: definition.auditMetadata(input, result),
        },
      });
      return result;
    },
    rawInput,
    { allowSupportAgent: true },
  );
}
