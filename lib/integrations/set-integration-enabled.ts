import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { adapterFor, type RegisteredProvider } from "./registry";

/** Turns sending through a provider on or off without touching the saved key; its events wait while it is off. */
export async function setIntegrationEnabled(
  provider: RegisteredProvider,
  enabled: boolean,
  ctx: ShopContext,
): Promise<{ enabled: boolean }> {
  const adapter = adapterFor(provider);
  const { count } = await prisma.integration.updateMany({
    where: { shopId: ctx.shop.id, provider, encryptedKey: { not: null } },
    data: { enabled },
  });
  if (count === 0) throw new AppError("BAD_REQUEST", adapter.messages.enableNeedsKey);
  await recordAudit(ctx, `${adapter.auditPrefix}.${enabled ? "enabled" : "disabled"}`);
  return { enabled };
}
