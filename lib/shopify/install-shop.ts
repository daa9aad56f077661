import type { Session } from "@shopify/shopify-api";
import { syncShopPlan } from "@/lib/billing/sync-shop-plan";
import { prisma } from "@/lib/db/prisma";
import { scheduleCatalogCheck } from "@/lib/catalog/schedule-catalog-check";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { AppError } from "@/lib/errors/app-error";
import { recordWebhookAudit } from "./record-webhook-audit";
import { saveOfflineToken } from "./save-offline-token";
import { shopifyApp } from "./shopify-app";

/** How long after a new token the shop's catalog check comes (check-shop-catalog: the first sync). */
export const FIRST_SYNC_AFTER_MS = 2 * 60_000;

export const SHOP_QUERY = `#graphql
  query InstallShop {
    shop { id name email contactEmail currencyCode ianaTimezone myshopifyDomain }
  }`;

type ShopInfo = {
  id: string;
  name: string;
  email: string | null;
  contactEmail: string | null;
  currencyCode: string;
  ianaTimezone: string;
  myshopifyDomain: string;
};

async function readShop(session: Session): Promise<ShopInfo> {
  try {
    const client = new (shopifyApp().clients.Graphql)({ session });
    const answer = await client.request<{ shop: ShopInfo }>(SHOP_QUERY);
    if (!answer.data?.shop) throw new Error("no shop in the answer");
    return answer.data.shop;
  } catch {
    throw new AppError("UPSTREAM", "Shopify did not answer while installing Signalboard, try again.");
  }
}

/**
 * Installs (or reinstalls) a shop from a new offline session: reads the shop from the Admin API, then in one
 * transaction — serialised per domain, so two first loads at once make one shop — creates it or reactivates it
 * (uninstalledAt cleared, its data intact, name/currency/time zone/owner email refreshed), stores the token and
 * writes an audit entry. The plan is synced afterwards. Nothing is written when Shopify does not answer.
 */
export async function installShop(offlineSession: Session): Promise<{ shopId: string; installed: boolean }> {
  const info = await readShop(offlineSession);
  const domain = offlineSession.shop;
  const fields = {
    name: info.name,
    currency: info.currencyCode,
    timeZone: info.ianaTimezone,
    ownerEmail: info.contactEmail ?? info.email,
    shopifyShopId: info.id,
  };
  const result = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`shopify-install:${domain}`}, 0))`;
    const existing = await tx.shop.findUnique({ where: { domain }, select: { id: true, uninstalledAt: true } });
    const shop = existing
      ? await tx.shop.update({
          where: { id: existing.id },
          data: { ...fields, uninstalledAt: null },
          select: { id: true },
        })
      : await tx.shop.create({ data: { domain, ...fields }, select: { id: true } });
    await saveOfflineToken(shop.id, offlineSession, tx);
    const installed = !existing || existing.uninstalledAt !== null;
    if (installed)
      await recordWebhookAudit(
        shop.id,
        existing ? "shop.reinstalled" : "shop.installed",
        { scope: offlineSession.scope ?? "" },
        tx,
      );
    return { shopId: shop.id, installed };
  });
  try {
    await syncShopPlan(result.shopId);
  } catch (error) {
    // The plan is checked again on every admin load; an install must not fail over it.
    console.warn(
      `[shopify] plan sync after install failed for ${domain}:`,
      error instanceof AppError ? error.message : "unexpected error",
    );
  }
  // A new token: the shop's first catalog sync (or a check of the last one) follows without waiting for the hourly
  // sweep, two minutes on, as before: the merchant's first minutes in the app keep the shop's Admin API budget.
  await scheduleCatalogCheck(result.shopId, FIRST_SYNC_AFTER_MS);
  // A reinstall releases what the uninstall held, at once rather than at the next sweep.
  if (result.installed) await sendJobEvent("deliveriesQueued", { shopId: result.shopId });
  return result;
}
