import { prisma } from "@/lib/db/prisma";
import { recordWebhookAudit } from "./record-webhook-audit";

/** Shopify sends shop/redact 48 hours after an uninstall; earlier, the merchant may still reinstall. */
export const SHOP_REDACT_DELAY_MS = 48 * 60 * 60_000;

/**
 * shop/redact: deletes the shop and, by cascade, everything it owns — catalog, waitlist, orders, deliveries,
 * settings, Postscript connection, Shopify tokens, webhook events, its audit log — but only for a shop
 * uninstalled at least 48 hours earlier; otherwise nothing is deleted and the refusal is audited. A shop-less
 * audit entry keeps the fact and the counts (no customer data).
 */
export async function redactShop(
  shopId: string,
): Promise<{ deleted: boolean; counts: Record<string, number>; refused?: string }> {
  return prisma.$transaction(async (tx) => {
    const shop = await tx.shop.findUnique({
      where: { id: shopId },
      select: {
        domain: true,
        uninstalledAt: true,
        _count: {
          select: {
            products: true,
            variants: true,
            waitlistEntries: true,
            orders: true,
            deliveries: true,
            webhookEvents: true,
          },
        },
      },
    });
    if (!shop) return { deleted: false, counts: {} };
    if (!shop.uninstalledAt || Date.now() - shop.uninstalledAt.getTime() < SHOP_REDACT_DELAY_MS) {
      const refused = shop.uninstalledAt ? "uninstalled less than 48 hours ago" : "the app is installed";
      await recordWebhookAudit(
        shopId,
        "gdpr.shop_redact_refused",
        { reason: refused, uninstalledAt: shop.uninstalledAt?.toISOString() ?? null },
        tx,
      );
      return { deleted: false, counts: {}, refused };
    }
    await tx.shop.delete({ where: { id: shopId } });
    const counts = { ...shop._count };
    await recordWebhookAudit(null, "gdpr.shop_redact", { shopDomain: shop.domain, counts }, tx);
    return { deleted: true, counts };
  });
}
