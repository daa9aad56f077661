import { randomBytes, randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";
import { inventoryLevelPayload } from "../lib/shopify/webhook-payloads";
import { stockStore } from "./support/shopify-store";
import {
  createMerchantAccount,
  postShopifyWebhook,
  query,
  sandboxInbox,
  sandboxOptIn,
  setUpPostscript,
  signIn,
} from "./support/app";

const BACK_IN_STOCK_PROPERTIES = [
  "product_title",
  "variant_title",
  "title_incl_variant",
  "vendor",
  "price",
  "currency",
  "purchase_link",
  "image_url",
  "shop_name",
  "customer_name",
  "customer_phone",
];

test("storefront signup, then a restock webhook, delivers one alert through Postscript and turns step 5 green", async ({
  page,
}) => {
  const account = await createMerchantAccount({ plan: "PAID", shopName: "Golden Path Goods" });
  const [shop] = await query<{ domain: string }>(`SELECT domain FROM "Shop" WHERE id = $1`, [account.shopId]);
  const key = `sk_sandbox_golden_${randomBytes(6).toString("hex")}`;
  const ids = {
    product: String(randomInt(1e12, 9e12)),
    variant: String(randomInt(1e13, 9e13)),
    item: String(randomInt(1e13, 9e13)),
  };

  // The store has the product, one variant, sold out; Shopify tells us about it.
  await stockStore(shop!.domain, [
    {
      shopifyProductId: ids.product,
      title: "Summit Down Parka",
      vendor: "Northwind",
      handle: "summit-down-parka",
      productType: "Jackets",
      tags: "outerwear",
      imageUrl: "/demo-products/summit-down-parka.svg",
      variants: [
        {
          shopifyVariantId: ids.variant,
          inventoryItemId: ids.item,
          title: "Medium / Red",
          sku: "SDP-M-RD",
          price: "249.00",
          compareAtPrice: null,
          available: 0,
        },
      ],
    },
  ]);

  await signIn(page, account);
  await setUpPostscript(page, account.shopId, key);

  // A shopper joins the waitlist on the storefront and confirms Postscript's opt-in.
  await page.goto(`/storefront-preview/${shop!.domain}`);
  const form = page.getByRole("form", { name: "Notify me: Summit Down Parka – Medium / Red" });
  await form.getByLabel("Name").fill("Jordan Lee");
  await form.getByLabel("Phone").fill("(415) 555-2671");
  await form.getByRole("checkbox", { name: /Text me when it's back/ }).check();
  await form.getByRole("button", { name: "Notify me when available" }).click();
  await expect(form.getByRole("status")).toContainText("You're on the waitlist!");
  await expect(page.getByTestId("recent-signup").first().getByText("Subscribed")).toBeVisible({ timeout: 15_000 });
  // The customer replies Y: the sandbox sends Postscript's signed opt-in webhook to the app.
  await sandboxOptIn(key, "+14155552671");

  await page.goto(`/shops/${account.shopId}/postscript#step-test`);
  await expect(page.getByTestId("test-stage-signup")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("test-stage-synced")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("test-stage-delivered")).toHaveAttribute("data-done", "false");
  await expect(page.getByRole("img", { name: "Step 5 complete" })).toHaveCount(0);

  // Stock comes back; Shopify delivers the same webhook three times.
  const restock = inventoryLevelPayload({ inventoryItemId: ids.item, locationId: "74211000001", available: 4 });
  const first = await postShopifyWebhook("inventory_levels/update", shop!.domain, restock);
  expect(first.status).toBe(200);
  for (let i = 0; i < 2; i++)
    expect((await postShopifyWebhook("inventory_levels/update", shop!.domain, restock, first.eventId)).status).toBe(
      200,
    );

  // Step 5 shows each stage as it happens and turns green by itself.
  await expect(page.getByTestId("test-stage-restock")).toHaveAttribute("data-done", "true", { timeout: 20_000 });
  await expect(page.getByTestId("test-stage-delivered")).toHaveAttribute("data-done", "true", { timeout: 20_000 });
  // Step 5's checkmark also needs every flow of step 4 (test event accepted and flow confirmed).
  await page.reload();
  await expect(page.getByRole("img", { name: "Step 5 complete" })).toHaveCount(0);
  for (const type of ["back_in_stock_sms_alert", "back_in_stock_sms_reminder", "preorder_sms_confirmed"]) {
    await query(`INSERT INTO "TestEvent" (id, "shopId", "eventType", status) VALUES ($1, $2, $3, 'ACCEPTED')`, [
      `te_${randomBytes(6).toString("hex")}`,
      account.shopId,
      type,
    ]);
    await query(
      `INSERT INTO "FlowConfirmation" (id, "shopId", "eventType", "confirmedByName") VALUES ($1, $2, $3, 'E2E')`,
      [`fc_${randomBytes(6).toString("hex")}`, account.shopId, type],
    );
  }
  await page.reload();
  await expect(page.getByRole("img", { name: "Step 5 complete" })).toBeVisible();

  const alerts = await sandboxInbox(key.slice(-4), "back_in_stock_sms_alert");
  expect(alerts).toHaveLength(1);
  expect(Object.keys(alerts[0]!.properties).sort()).toEqual([...BACK_IN_STOCK_PROPERTIES].sort());
  expect(alerts[0]!.properties).toMatchObject({
    product_title: "Summit Down Parka",
    variant_title: "Medium / Red",
    title_incl_variant: "Summit Down Parka - Medium / Red",
    price: "249.00",
    customer_name: "Jordan Lee",
    customer_phone: "+14155552671",
    shop_name: "Golden Path Goods",
  });
  // purchase_link is Signalboard's short link (/r/<token>): it forwards to the product page with the variant.
  const link = String(alerts[0]!.properties.purchase_link);
  expect(link).toMatch(/\/r\/[a-z0-9]+\.[A-Za-z0-9_-]{22}$/);
  const click = await page.request.get(link, {
    maxRedirects: 0,
    headers: { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148" },
  });
  expect(click.status()).toBe(307);
  expect(click.headers()["location"]).toContain(
    `/products/summit-down-parka?variant=${ids.variant}&utm_source=signalboard`,
  );
  expect(await query(`SELECT status FROM "WaitlistEntry" WHERE "shopId" = $1`, [account.shopId])).toEqual([
    { status: "NOTIFIED" },
  ]);

  // The merchant sees the send on Back in stock and in Activity.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Back in stock" }).click();
  await expect(page.getByTestId("restock-progress").first()).toContainText("1 sent · 0 retrying · 0 failed · 1 total");
  await page.screenshot({ path: "test-results/back-in-stock.png", fullPage: true });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click();
  await expect(page.getByRole("cell", { name: "back_in_stock_sms_alert", exact: true })).toBeVisible();
  await expect(page.getByText("+1••••••2671").first()).toBeVisible();
  await page.screenshot({ path: "test-results/activity.png", fullPage: true });
});
