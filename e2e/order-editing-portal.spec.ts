import { randomBytes, randomInt } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { orderPayload, type ProductPayloadInput } from "../lib/shopify/webhook-payloads";
import { createMerchantAccount, postShopifyWebhook, query, sandboxInbox, setUpPostscript, signIn } from "./support/app";
import { sandboxKlaviyoEvents } from "./support/klaviyo";
import { placeOrder, stockStore } from "./support/shopify-store";
import { createUpsellStrategy } from "./support/upsells";

const ORDER_PROPERTIES = [
  "order_name",
  "edit_url",
  "edit_deadline",
  "edit_deadline_local",
  "shop_name",
  "customer_name",
  "customer_email",
  "customer_phone",
];
const id = () => String(randomInt(1e12, 9e12));

function product(title: string, price: string, available: number): ProductPayloadInput {
  const handle = title.toLowerCase().replaceAll(" ", "-");
  return {
    shopifyProductId: id(),
    title,
    vendor: "Northwind",
    handle,
    productType: "Outerwear",
    tags: "",
    imageUrl: "/demo-products/merino-beanie.svg",
    variants: [
      {
        shopifyVariantId: id(),
        inventoryItemId: id(),
        title: "Default Title",
        sku: `SKU-${id()}`,
        price,
        compareAtPrice: null,
        available,
      },
    ],
  };
}

/** The customer portal link of an order, as the merchant sees it on the Order editing page. */
async function portalLink(page: Page, shopId: string, orderName: string): Promise<string> {
  await page.goto(`/shops/${shopId}/order-editing`);
  const link = page.getByRole("link", { name: `Open portal for order ${orderName}` });
  await expect(link).toBeVisible();
  return (await link.getAttribute("href"))!;
}

test("a customer edits their order in the portal: Started, Upsell Recommendations and Saved reach Postscript, nothing reaches Klaviyo", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000); // a whole merchant-and-customer walk: a minute is tight on a busy machine
  const account = await createMerchantAccount({ plan: "PAID", shopName: "Portal Outfitters" });
  const key = `sk_sandbox_portal_${randomBytes(6).toString("hex")}`;
  const jacket = product("Storm Shell Jacket", "120.00", 10);
  const beanie = product("Alpine Beanie", "30.00", 20);
  await stockStore(account.shopDomain, [jacket, beanie]);

  await signIn(page, account);
  await setUpPostscript(page, account.shopId, key);
  await createUpsellStrategy(page, account.shopId, {
    name: "Cold-weather add-ons",
    products: ["Alpine Beanie"],
    discountType: "Percentage",
    discount: "20",
    postscript: true,
    klaviyo: false,
  });

  // Placed in Shopify (no tax, no shipping, so the figures below are the items' alone); Shopify sends orders/create.
  const email = `jamie-${randomBytes(3).toString("hex")}@example.com`;
  await placeOrder(account.shopDomain, {
    name: "#4001",
    email,
    phone: "+14155550123",
    customer: { firstName: "Jamie", lastName: "Rivera" },
    taxRate: 0,
    shipping: "0.00",
    lines: [{ variantId: jacket.variants[0]!.shopifyVariantId, quantity: 1 }],
  });
  await expect
    .poll(async () => (await query(`SELECT id FROM "Order" WHERE "shopId" = $1`, [account.shopId])).length)
    .toBe(1);
  const link = await portalLink(page, account.shopId, "#4001");

  // The customer, in a browser of their own (no dashboard session).
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(link);
  await expect(customer.getByRole("heading", { name: "Order #4001" })).toBeVisible();
  await expect(customer.getByText(/You can edit this order until/)).toBeVisible();
  const offers = customer.getByRole("region", { name: "Add to your order" });
  await expect(offers.getByText("Alpine Beanie")).toBeVisible();
  await expect(offers.getByText("$24.00")).toBeVisible();
  await expect(offers.getByText("20% off")).toBeVisible();
  expect(await sandboxInbox(key.slice(-4), "order_editing_started")).toEqual([]); // opening the link sends nothing

  await customer.getByRole("button", { name: "Edit order" }).click();
  await customer.getByRole("button", { name: "More Storm Shell Jacket" }).click();
  await customer.getByRole("button", { name: "Add Alpine Beanie" }).click();
  await expect(customer.getByText("Items subtotal after your changes")).toBeVisible();
  await expect(customer.getByText("$264.00").first()).toBeVisible(); // 2 × 120 + 24 (the subtotal; the total follows)
  await customer.getByRole("button", { name: "Save changes" }).click();
  await expect(customer.getByRole("status").filter({ hasText: "Your changes are saved." })).toContainText(
    "Storm Shell Jacket: quantity 1 → 2; added Alpine Beanie × 1",
  );
  await customer.screenshot({ path: "test-results/portal-saved.png", fullPage: true });

  await expect
    .poll(async () => (await sandboxInbox(key.slice(-4))).map((e) => e.type).sort(), { timeout: 20_000 })
    .toEqual(["integration_connected", "order_editing_saved", "order_editing_started", "upsell_recommendations"]);
  const [started] = await sandboxInbox(key.slice(-4), "order_editing_started");
  expect(Object.keys(started!.properties).sort()).toEqual([...ORDER_PROPERTIES].sort());
  expect(started!.properties).toMatchObject({
    order_name: "#4001",
    edit_url: link,
    customer_email: email,
    customer_phone: "+14155550123",
    shop_name: "Portal Outfitters",
  });
  const [upsell] = await sandboxInbox(key.slice(-4), "upsell_recommendations");
  expect(upsell!.properties).toMatchObject({
    strategy_name: "Cold-weather add-ons",
    offer_count: 1,
    offer_1_product_title: "Alpine Beanie",
    offer_1_price: "24.00",
    offer_1_compare_at_price: "30.00",
    offer_1_image_url: "/demo-products/merino-beanie.svg",
    offer_1_discount_amount: "20",
    offer_1_discount_type: "percentage",
  });
  const [saved] = await sandboxInbox(key.slice(-4), "order_editing_saved");
  expect(saved!.properties).toMatchObject({
    changes_summary: "Storm Shell Jacket: quantity 1 → 2; added Alpine Beanie × 1",
    items_added: 1,
    quantities_changed: 1,
    address_changed: false,
    new_total: "264.00",
  });
  expect((await sandboxKlaviyoEvents(page.request)).filter((e) => e.profile.email === email)).toEqual([]);

  // The merchant sees what the customer changed.
  await page.goto(`/shops/${account.shopId}/order-editing`);
  await expect(page.getByRole("row", { name: /#4001/ })).toContainText("Edited");
  await page.screenshot({ path: "test-results/order-editing-page.png", fullPage: true });
});

test("an expired or tampered portal link shows why editing is closed", async ({ page }) => {
  const account = await createMerchantAccount({ plan: "PAID" });
  const [shop] = await query<{ domain: string }>(`SELECT domain FROM "Shop" WHERE id = $1`, [account.shopId]);
  const placed = new Date(Date.now() - 3 * 3_600_000).toISOString(); // the default window is 2 hours
  const order = orderPayload({
    email: "late@example.com",
    orderNumber: 4002,
    createdAt: placed,
    lineItems: [
      { productId: id(), variantId: id(), title: "Camp Mug", variantTitle: null, price: "12.00", quantity: 1 },
    ],
  });
  expect((await postShopifyWebhook("orders/create", shop!.domain, order)).status).toBe(200);
  await signIn(page, account);
  await expect
    .poll(async () => (await query(`SELECT id FROM "Order" WHERE "shopId" = $1`, [account.shopId])).length)
    .toBe(1);
  const link = await portalLink(page, account.shopId, "#4002");

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Editing is closed" })).toBeVisible();
  await expect(
    page.getByText(/^Editing for this order closed on .+\. Contact the store if you still need a change\.$/),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit order" })).toHaveCount(0);

  const tampered = link.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
  const response = await page.goto(tampered);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("This order-editing link is not valid.")).toBeVisible();
});
