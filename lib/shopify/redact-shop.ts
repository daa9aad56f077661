import { prisma } from "@/lib/db/prisma";
import { recordWebhookAudit } from "./record-webhook-audit";

/**
 * shop/redact (48 hours after uninstall): deletes the shop and, by cascade, everything it owns — catalog,
 * waitlist, orders, deliveries, settings, Postscript connection, webhook events, its audit log. A shop-less audit
 * entry keeps the fact and the counts (no customer data).
 */
export async function redactShop(shopId: string): Promise<{ deleted: boolean; counts: Record<string, number> }> {
  return prisma.$transaction(async (tx) => {
    const shop = await tx.shop.findUnique({
      where: { id: shopId },
      select: {
        domain: true,
        _count: { select: { products: true, variants: true, waitlistEntries: true, orders: true, deliveries: true, webhookEvents: true } },
      },
    });
    if (!shop) return { deleted: false, counts: {} };
    await tx.shop.delete({ where: { id: shopId } });
    const counts = { ...shop._count };
    await recordWebhookAudit(null, "gdpr.shop_redact", { shopDomain: shop.domain, counts }, tx);
    return { deleted: true, counts };
  });
}
