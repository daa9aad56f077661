import { randomBytes, randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createMerchantAccount, query, setUpPostscript, signIn } from "./support/app";
import { stockStore } from "./support/shopify-store";

type SandboxSubscriber = {
  phoneNumber: string;
  email: string | null;
  keywordId: string | null;
  origin: string | null;
  tags: string[];
  optInState: string;
};

/** The sandbox's subscribers for a key, by its last 4 characters. */
async function sandboxSubscribers(keyLast4: string): Promise<SandboxSubscriber[]> {
  const res = await fetch(`http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}/sandbox/state`);
  const state = (await res.json()) as { accounts: { keyLast4: string; subscribers: SandboxSubscriber[] }[] };
  return state.accounts.filter((a) => a.keyLast4 === keyLast4).flatMap((a) => a.subscribers);
}

/**
 * Sold-out variants in the store, one product each: put in the Shopify stand-in (its products/update webhooks
 * reach the app) rather than only in our database, where the shop's first catalog sync would delete them.
 */
async function stockSoldOut(shopDomain: string, items: { product: string; variant: string }[]) {
  const stocked = items.map((item) => ({
    ...item,
    shopifyProductId: String(randomInt(1e12, 9e12)),
    shopifyVariantId: String(randomInt(1e13, 9e13)),
    inventoryItemId: String(randomInt(1e13, 9e13)),
  }));
  await stockStore(
    shopDomain,
    stocked.map((item) => ({
      shopifyProductId: item.shopifyProductId,
      title: item.product,
      vendor: "Northwind",
      handle: `p-${item.shopifyProductId}`,
      productType: "Outdoor",
      tags: "",
      imageUrl: "/demo-products/trail-runner-jacket.svg",
      variants: [
        {
          shopifyVariantId: item.shopifyVariantId,
          inventoryItemId: item.inventoryItemId,
          title: item.variant,
          sku: `SKU-${item.shopifyVariantId}`,
          price: "129.00",
          compareAtPrice: null,
          available: 0,
        },
      ],
    })),
  );
  return Promise.all(
    stocked.map(async (item) => {
      let variantId: string | undefined;
      // The webhooks are processed in the background: wait until the app has the variant.
      await expect
        .poll(async () => {
          [{ id: variantId } = { id: undefined }] = await query<{ id: string }>(
            `SELECT v.id FROM "Variant" v JOIN "Shop" s ON s.id = v."shopId" WHERE s.domain = $1 AND v."shopifyVariantId" = $2`,
            [shopDomain, item.shopifyVariantId],
          );
          return variantId;
        })
        .toBeTruthy();
      return {
        variantId: variantId!,
        shopifyVariantId: item.shopifyVariantId,
        label: `${item.product} – ${item.variant}`,
      };
    }),
  );
}

test("a shopper joins the waitlist on the storefront preview and becomes a Postscript subscriber", async ({ page }) => {
  const account = await createMerchantAccount({ plan: "PAID", shopName: "Preview Outfitters" });
  const key = `sk_sandbox_store_${randomBytes(6).toString("hex")}`;
  const [shop] = await query<{ domain: string }>(`SELECT domain FROM "Shop" WHERE id = $1`, [account.shopId]);
  const boots = (
    await stockSoldOut(shop!.domain, [
      { product: "Summit Boot", variant: "Walnut / 9" },
      { product: "Rain Shell", variant: "Medium" },
    ])
  )[0]!;
  page.on("dialog", (dialog) => {
    throw new Error(`A customer-typed name ran as script: ${dialog.message()}`);
  });

  await signIn(page, account);
  await setUpPostscript(page, account.shopId, key);

  await page.goto(`/storefront-preview/${shop!.domain}`);
  await expect(
    page.getByText("Storefront preview — simulates your product page and Shopify's app proxy."),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Preview Outfitters", level: 1 })).toBeVisible();
  await expect(page.getByTestId("sold-out-variant")).toHaveCount(2);
  const form = page.getByRole("form", { name: `Notify me: ${boots.label}` });

  // A phone the endpoint refuses: the shopper sees why, and keeps what they typed.
  await form.getByLabel("Name").fill("Ana");
  await form.getByLabel("Phone").fill("+1 555");
  await form.getByRole("button", { name: "Notify me when available" }).click();
  await expect(form.getByRole("alert")).toContainText("That phone number doesn't look right");
  await expect(form.getByTestId("proxy-status")).toHaveText("App proxy answered HTTP 400");
  await expect(form.getByLabel("Name")).toHaveValue("Ana");

  // A valid signup: the name carries markup, which must stay text.
  const name = `Ana <img src=x onerror=alert(1)>`;
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Phone").fill("(415) 555-2671");
  await form.getByLabel("Email").fill("Ana@Example.com");
  // No consent ticked: refused with what to do, nothing stored.
  await form.getByRole("button", { name: "Notify me when available" }).click();
  await expect(form.getByRole("alert")).toContainText("Tick the box to agree to receive texts");
  await form.getByRole("checkbox", { name: /Text me when it's back/ }).check();
  await form.getByRole("button", { name: "Notify me when available" }).click();
  await expect(form.getByRole("status")).toContainText("You're on the waitlist!");
  await expect(form.getByTestId("proxy-status")).toHaveText("App proxy answered HTTP 201");

  const entries = await query<{ phone: string; email: string; name: string; status: string; customerKey: string }>(
    `SELECT phone, email, name, status, "customerKey" FROM "WaitlistEntry" WHERE "variantId" = $1`,
    [boots.variantId],
  );
  expect(entries).toEqual([
    { phone: "+14155552671", email: "ana@example.com", name, status: "WAITING", customerKey: "+14155552671" },
  ]);

  // The Postscript sync runs after the response; the page follows it until the subscriber exists.
  const signup = page.getByTestId("recent-signup").first();
  await expect(signup).toContainText(name);
  await expect(signup.getByText("Subscribed")).toBeVisible({ timeout: 15_000 });
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  await expect
    .poll(
      async () =>
        (
          await query<{ postscriptSync: string }>(
            `SELECT "postscriptSync" FROM "WaitlistEntry" WHERE "variantId" = $1`,
            [boots.variantId],
          )
        )[0]?.postscriptSync,
    )
    .toBe("SYNCED");
  const subscribers = await sandboxSubscribers(key.slice(-4));
  expect(subscribers).toMatchObject([
    {
      phoneNumber: "+14155552671",
      email: "ana@example.com",
      origin: "website",
      tags: ["signalboard", "back-in-stock"],
      optInState: "pending",
    },
  ]);
  expect(subscribers[0]!.keywordId).toMatch(/^kw_/);

  // Joining again is the same entry.
  await form.getByLabel("Phone").fill("415-555-2671");
  await form.getByLabel("Name").fill("Ana Lima");
  await form.getByRole("checkbox", { name: /Text me when it's back/ }).check();
  await form.getByRole("button", { name: "Notify me when available" }).click();
  await expect(form.getByRole("status")).toContainText(
    "You're already on the waitlist for this item — we've updated your details.",
  );
  await expect(form.getByTestId("proxy-status")).toHaveText("App proxy answered HTTP 200");
  expect(await query(`SELECT name FROM "WaitlistEntry" WHERE "variantId" = $1`, [boots.variantId])).toEqual([
    { name: "Ana Lima" },
  ]);
  await page.screenshot({ path: "test-results/storefront-preview.png", fullPage: true });
});

test("the storefront preview is only for members of the shop", async ({ page }) => {
  const owner = await createMerchantAccount({ plan: "PAID" });
  const stranger = await createMerchantAccount({ plan: "PAID" });
  const [shop] = await query<{ domain: string }>(`SELECT domain FROM "Shop" WHERE id = $1`, [owner.shopId]);

  expect((await page.goto(`/storefront-preview/${shop!.domain}`))?.status()).toBe(404);
  await signIn(page, stranger);
  expect((await page.goto(`/storefront-preview/${shop!.domain}`))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect((await page.goto(`/storefront-preview/no-such-shop.myshopify.com`))?.status()).toBe(404);
});

test("the waitlist endpoint refuses a request that did not come through Shopify's app proxy", async ({ request }) => {
  const owner = await createMerchantAccount({ plan: "PAID" });
  const [shop] = await query<{ domain: string }>(`SELECT domain FROM "Shop" WHERE id = $1`, [owner.shopId]);
  const variant = (await stockSoldOut(shop!.domain, [{ product: "Trail Pack", variant: "30 L" }]))[0]!;
  const res = await request.post(`/api/storefront/waitlist?shop=${shop!.domain}`, {
    data: { variantId: variant.shopifyVariantId, email: "a@example.com" },
  });
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({
    status: "error",
    message: "We couldn't verify this request. Refresh the page and try again.",
  });

  // Signed as Shopify signs it (the spec shares the server's secret): accepted.
  const { signAppProxyQuery } = await import("../lib/storefront/sign-app-proxy-query");
  const signed = signAppProxyQuery({ shop: shop!.domain }, process.env.E2E_SHOPIFY_API_SECRET!);
  const ok = await request.post(`/api/storefront/waitlist?${signed}`, {
    data: { variantId: variant.shopifyVariantId, email: "a@example.com" },
    headers: { "x-forwarded-for": `198.51.100.${randomInt(1, 255)}` },
  });
  expect(ok.status()).toBe(201);
  expect(await ok.json()).toEqual({
    status: "joined",
    message: "You're on the waitlist! We'll let you know as soon as it's back in stock.",
  });
});
