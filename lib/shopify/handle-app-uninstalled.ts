import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { adminGraphql } from "./admin-graphql";
import { recordWebhookAudit } from "./record-webhook-audit";
import { revokeShopifyToken } from "./revoke-shopify-token";

/**
 * Whether Shopify still accepts the shop's stored token: "works" means the app is installed, so an uninstall
 * webhook for it is forged or a replay from before a reinstall. No stored token: nothing to ask ("no-token").
 * Shopify not answering throws, so the webhook is retried.
 */
async function tokenStatus(shopId: string): Promise<"works" | "refused" | "no-token"> {
  const token = await prisma.shopifyToken.findUnique({ where: { shopId }, select: { revokedAt: true } });
  if (!token || token.revokedAt) return "no-token";
  try {
    await adminGraphql(
      shopId,
      `#graphql
      query ConfirmInstalled { shop { id } }`,
    );
    return "works";
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") return "refused";
    throw error;
  }
}

/**
 * app/uninstalled, acted on only once Shopify confirms it by refusing the shop's token: marks the shop
 * uninstalled (nothing is sent for it any more), deletes its stored Shopify tokens and its Postscript key — the
 * ciphertexts themselves, not just flags. An uninstall for a shop whose token still works changes nothing and is
 * audited as ignored. A redelivery keeps the first uninstall time and audits nothing new.
 */
export async function handleAppUninstalled(
  shopId: string,
): Promise<
  { alreadyUninstalled: boolean; postscriptKeyDeleted: boolean; shopifyTokenRevoked: boolean } | { ignored: string }
> {
  const status = await tokenStatus(shopId);
  if (status === "works") {
    const ignored =
      "Shopify still accepts the shop's access token: the app is installed, so this uninstall is forged or a replay";
    await recordWebhookAudit(shopId, "shop.uninstall_ignored", { reason: ignored });
    return { ignored };
  }
  return prisma.$transaction(async (tx) => {
    const marked = await tx.shop.updateMany({
      where: { id: shopId, uninstalledAt: null },
      data: { uninstalledAt: new Date() },
    });
    const hadKey =
      (await tx.integration.count({ where: { provider: "POSTSCRIPT", shopId, encryptedKey: { not: null } } })) > 0;
    await tx.integration.updateMany({
      where: { provider: "POSTSCRIPT", shopId },
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
    const shopifyTokenRevoked = await revokeShopifyToken(shopId, tx);
    if (marked.count > 0)
      await recordWebhookAudit(shopId, "shop.uninstalled", { postscriptKeyDeleted: hadKey, confirmedBy: status }, tx);
    return {
      alreadyUninstalled: marked.count === 0,
      postscriptKeyDeleted: hadKey,
      shopifyTokenRevoked: shopifyTokenRevoked || status === "refused",
    };
  });
}
