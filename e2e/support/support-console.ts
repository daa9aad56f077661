import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { query } from "./app";

/**
 * Puts a FAILED delivery in a shop's ledger exactly as the engine leaves one after Postscript answered 503 twelve
 * times (a preorder confirmation to a phone), so a spec can replay it once the outage is over.
 */
export async function insertFailedDelivery(
  shopId: string,
  phone: string,
): Promise<{ id: string; idempotencyKey: string }> {
  const id = `dl_e2e_${randomBytes(6).toString("hex")}`;
  const idempotencyKey = `${shopId}:preorder_sms_confirmed:order_${randomBytes(4).toString("hex")}`;
  const properties = {
    order_name: "#1042",
    products: "Summit Down Parka",
    first_product: "Summit Down Parka",
    products_count: 1,
    shipping_timeline: "Ships by December 15",
    shop_name: "Support Console Goods",
    customer_name: "Riley Chen",
  };
  await query(
    `INSERT INTO "Delivery" (id, "shopId", provider, "eventType", "idempotencyKey", status, "recipientPhone", properties, attempts,
                             "lastAttemptAt", "responseStatus", error, "createdAt", "updatedAt")
     VALUES ($1, $2, 'POSTSCRIPT', 'preorder_sms_confirmed', $3, 'FAILED', $4, $5::jsonb, 12, now() - interval '5 minutes', 503,
             'Gave up after 12 attempts. Last answer: Postscript is unavailable (HTTP 503)', now() - interval '40 minutes', now() - interval '5 minutes')`,
    [id, shopId, idempotencyKey, phone, JSON.stringify(properties)],
  );
  return { id, idempotencyKey };
}

/** From the support console's search, opens a shop's support page by its name. */
export async function openSupportShop(page: Page, shopName: string) {
  await page.goto("/support");
  await page.getByLabel("Search shops").fill(shopName);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: new RegExp(shopName) }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(shopName) })).toBeVisible();
}

/** Opens a support action's reason form, types the reason and confirms. */
export async function actWithReason(page: Page, open: string, confirm: string, reason: string) {
  await page.getByRole("button", { name: open, exact: true }).click();
  const form = page.getByRole("form", { name: open });
  await expect(form.getByLabel(/Reason/)).toBeFocused();
  await form.getByLabel(/Reason/).fill(reason);
  await form.getByRole("button", { name: confirm }).click();
}
