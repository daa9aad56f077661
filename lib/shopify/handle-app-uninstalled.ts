import { prisma } from "@/lib/db/prisma";
import { recordWebhookAudit } from "./record-webhook-audit";

/**
 * app/uninstalled: marks the shop uninstalled (nothing is sent for it any more) and deletes its stored Postscript
 * key — the ciphertext itself, not just a flag. A redelivery keeps the first uninstall time and audits nothing new.
 */
export async function handleAppUninstalled(shopId: string): Promise<{ alreadyUninstalled: boolean; postscriptKeyDeleted: boolean }> {
  return prisma.$transaction(async (tx) => {
    const marked = await tx.shop.updateMany({ where: { id: shopId, uninstalledAt: null }, data: { uninstalledAt: new Date() } });
    const hadKey = (await tx.postscriptIntegration.count({ where: { shopId, encryptedKey: { not: null } } })) > 0;
    await tx.postscriptIntegration.updateMany({
      where: { shopId },
      data: {
        encryptedKey: null,
        keyLast4: null,
        enabled: false,
        verification: "UNVERIFIED",
        accountName: null,
        lastVerifiedAt: null,
        lastError: null,
      },
    });
    if (marked.count > 0) await recordWebhookAudit(shopId, "shop.uninstalled", { postscriptKeyDeleted: hadKey }, tx);
    return { alreadyUninstalled: marked.count === 0, postscriptKeyDeleted: hadKey };
  });
}
