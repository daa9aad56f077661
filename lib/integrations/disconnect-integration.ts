import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { clientForShop, IntegrationUnavailableError } from "./client-for-shop";
import { adapterFor, type RegisteredProvider } from "./registry";

/**
 * Deletes the saved key (the ciphertext, not just hidden) after the adapter's beforeDisconnect; the row stays, so
 * re-connecting keeps the enabled choice and the provider's other settings. A key that can no longer be opened
 * is deleted all the same.
 */
export async function disconnectIntegration(
  provider: RegisteredProvider,
  ctx: ShopContext,
): Promise<{ disconnected: boolean }> {
  const adapter = adapterFor(provider);
  if (adapter.beforeDisconnect) {
    try {
      const { client } = await clientForShop(provider, ctx.shop.id, { require: "saved" });
      await adapter.beforeDisconnect(ctx.shop.id, client);
    } catch (error) {
      if (!(error instanceof IntegrationUnavailableError)) throw error;
    }
  }
  const { count } = await prisma.integration.updateMany({
    where: { shopId: ctx.shop.id, provider, encryptedKey: { not: null } },
    data: {
      encryptedKey: null,
      keyLast4: null,
      verification: "UNVERIFIED",
      lastError: null,
      accountName: null,
      lastVerifiedAt: null,
      lastCheckedAt: null,
    },
  });
  if (count > 0) await recordAudit(ctx, `${adapter.auditPrefix}.disconnected`);
  return { disconnected: count > 0 };
}
