import { cache } from "react";
import { prisma } from "@/lib/db/prisma";
import { isRecordId } from "@/lib/db/is-record-id";
import { integrationStatus, type StatusBanner } from "@/lib/postscript-connection/integration-status";

export type SupportShopHeader = {
  id: string;
  name: string;
  domain: string;
  plan: "FREE" | "PAID";
  ownerEmail: string | null;
  uninstalledAt: string | null;
  /** The shop's IANA zone: support pages write moments as the merchant sees them. */
  timeZone: string;
  banner: StatusBanner;
};

/**
 * The line every support page of a shop starts with, or null when there is no such shop. Cached per request: the
 * layout and the page both read it (the page for the shop's time zone).
 */
export const getSupportShopHeader = cache(async (shopId: string): Promise<SupportShopHeader | null> => {
  if (!isRecordId(shopId)) return null;
  const shop = await prisma.shop.findUnique({
    where: { id: shopId },
    select: {
      id: true,
      name: true,
      domain: true,
      plan: true,
      ownerEmail: true,
      uninstalledAt: true,
      timeZone: true,
      integrations: {
        where: { provider: "POSTSCRIPT" },
        select: { encryptedKey: true, enabled: true, verification: true, lastError: true },
      },
    },
  });
  if (!shop) return null;
  return {
    id: shop.id,
    name: shop.name,
    domain: shop.domain,
    plan: shop.plan,
    ownerEmail: shop.ownerEmail,
    uninstalledAt: shop.uninstalledAt?.toISOString() ?? null,
    timeZone: shop.timeZone,
    banner: integrationStatus(shop.integrations[0]),
  };
});
