import { randomInt } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signAppProxyQuery } from "../lib/storefront/sign-app-proxy-query";
import { orderPayload, productPayload } from "../lib/shopify/webhook-payloads";
import { createMerchantAccount, postShopifyWebhook, query, signIn } from "./support/app";
import { stockStore } from "./support/shopify-store";

// What a hostile shopper or a careless product import could put in a name or a title.
const MARKUP = `<script>alert(1)</script><img src=x onerror=alert(1)>`;
const id = () => String(randomInt(1e12, 9e12));

function product(title: string, available: number) {
  const variant = {
    shopifyVariantId: id(),
    inventoryItemId: id(),
    title: "Default Title",
    sku: `SKU-${id()}`,
    price: "30.00",
    compareAtPrice: null,
    available,
  };
  const input = {
    shopifyProductId: id(),
    title,
    vendor: "Northwind",
    handle: `h-${id()}`,
    productType: "Hats",
    tags: "",
    imageUrl: "https://cdn.example.com/h.jpg",
    variants: [variant],
  };
  return { variant, input, payload: productPayload(input) };
}

/** Fails the test if anything on the page ran: a dialog, or an element the markup would have created. */
function watchForScript(page: Page, ran: string[]) {
  page.on("dialog", async (dialog) => {
    ran.push(`${page.url()}: dialog "${dialog.message()}"`);
    await dialog.dismiss();
  });
}
async function expectInert(page: Page) {
  await expect(page.getByText(MARKUP).first()).toBeVisible();
  expect(await page.locator("img[src='x'], img[onerror]").count()).toBe(0);
}

test("a product title, a shopper's name and a customer's name with markup show as text, and nothing runs", async ({
  page,
  browser,
  request,
}) => {
  const ran: string[] = [];
  watchForScript(page, ran);
  const account = await createMerchantAccount({ plan: "PAID", shopName: "Markup Goods" });
  const [shop] = await query<{ domain: string }>(`SELECT domain FROM "Shop" WHERE id = $1`, [account.shopId]);
  const soldOut = product(MARKUP, 0);
  const inStock = product("Plain Jacket", 10);
  // In the store first (the shop's catalog sync reads it), then the products/update webhooks.
  await stockStore(shop!.domain, [soldOut.input, inStock.input]);
  await expect
    .poll(async () => (await query(`SELECT id FROM "Variant" WHERE "shopId" = $1`, [account.shopId])).length)
    .toBe(2);

  // A shopper signs up through the app proxy with markup as their name.
  const signed = signAppProxyQuery({ shop: shop!.domain }, process.env.E2E_SHOPIFY_API_SECRET!);
  const signup = await request.post(`/api/storefront/waitlist?${signed}`, {
    data: { variantId: soldOut.variant.shopifyVariantId, email: "markup@example.com", name: MARKUP },
  });
  expect(signup.status()).toBe(201);

  // A customer with markup as their name orders the jacket, with markup as the line's title.
  const order = orderPayload({
    email: "markup@example.com",
    orderNumber: 4242,
    customer: { firstName: MARKUP, lastName: "Rivera", email: "markup@example.com" },
    lineItems: [
      {
        productId: String(inStock.payload.id),
        variantId: inStock.variant.shopifyVariantId,
        title: MARKUP,
        variantTitle: null,
        price: "30.00",
        quantity: 1,
      },
    ],
  });
  expect((await postShopifyWebhook("orders/create", shop!.domain, order)).status).toBe(200);
  await expect
    .poll(async () => (await query(`SELECT id FROM "Order" WHERE "shopId" = $1`, [account.shopId])).length)
    .toBe(1);

  await signIn(page, account);
  await page.goto(`/storefront-preview/${shop!.domain}`);
  await expectInert(page);
  await expect(page.getByRole("cell", { name: MARKUP, exact: true })).toBeVisible(); // the signup's name
  await page.screenshot({ path: test.info().outputPath("markup-storefront-preview.png"), fullPage: true });

  await page.goto(`/shops/${account.shopId}/back-in-stock`);
  await expectInert(page);

  await page.goto(`/shops/${account.shopId}/order-editing`);
  const link = await page.getByRole("link", { name: "Open portal for order #4242" }).getAttribute("href");
  const customer = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  watchForScript(customer, ran);
  await customer.goto(link!);
  await expect(customer.getByRole("heading", { name: "Order #4242" })).toBeVisible();
  await expectInert(customer);
  await expect(
    customer.getByText(/^Hi <script>alert\(1\)<\/script><img, here you can change your order/),
  ).toBeVisible();
  await customer.screenshot({ path: test.info().outputPath("markup-portal.png"), fullPage: true });

  // Give a broken image's onerror time to fire, had one been created.
  await page.waitForTimeout(500);
  expect(ran).toEqual([]);
});
