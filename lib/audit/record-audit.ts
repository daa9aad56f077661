import { prisma } from "@/lib/db/prisma";
import type { ShopContext } from "@/lib/auth/shop-context";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Appends an audit entry for what a person did in a shop; never pass secrets in metadata. */
export async function recordAudit(
  ctx: Pick<ShopContext, "user" | "shop" | "role">,
  action: string,
  metadata: Prisma.InputJsonObject = {},
  reason?: string,
): Promise<void> {
  await prisma.auditLog.create({
    data: {
      shopId: ctx.shop.id,
      actorUserId: ctx.user.id,
      actorType: ctx.role === "SUPPORT_AGENT" ? "SUPPORT_AGENT" : "MERCHANT",
      action,
      reason,
      metadata,
    },
  });
}
