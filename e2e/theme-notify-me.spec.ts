import { randomBytes, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signAppProxyQuery } from "../lib/storefront/sign-app-proxy-query";
import { createMerchantAccount, query } from "./support/app";

/*
 * The theme app extension's "Back in stock — Notify me" block on a product page. The page is the block's Liquid
 * output for a three-variant product (rendered here as Shopify would: same markup, strings from the en locale),
 * served on the store's own domain with the block's real asset; the store's /apps/signalboard/* requests go to the
 * app with the query Shopify's app proxy adds (signed with the app secret), as Shopify forwards them.
 */
const extension = path.join(process.cwd(), "extensions", "signalboard-storefront");
const en = JSON.parse(readFileSync(path.join(extension, "locales", "en.default.json"), "utf8")) as {
  notify: Record<string, string> & { errors: Record<string, string> };
  preorder: Record<string, string>;
};
const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

type PageVariant = { id: string; title: string; available: boolean; preorder: boolean };

/** The HTML notify-me.liquid renders for a product (plus a theme's product form to switch variants with). */
function productPage(shopName: string, variants: PageVariant[], selected: string): string {
  const consent = en.notify.consent!.replace("{{ shop }}", shopName);
  const strings = { ...en.notify, ...en.notify.errors };
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Summit Boot</title><link rel="stylesheet" href="/cdn/notify-me.css"></head><body>
  <main><section class="shopify-section">
    <h1>Summit Boot</h1>
    <form action="/cart/add" method="post">
      <label>Size <select name="id">${variants.map((v) => `<option value="${v.id}"${v.id === selected ? " selected" : ""}>${escape(v.title)}</option>`).join("")}</select></label>
      <button type="submit">Add to cart</button>
    </form>
    <div class="sb-notify" data-signalboard-notify data-proxy="/apps/signalboard" data-page-url="https://${"{{origin}}"}/products/summit-boot" data-selected="${selected}">
      <script type="application/json" data-variants>${json(variants.map(({ id, available, preorder }) => ({ id: Number(id), available, preorder })))}</script>
      <script type="application/json" data-strings>${json({ sending: strings.sending, submit: strings.submit, joined: strings.joined, already_waiting: strings.already_waiting, contact_required: strings.contact_required, phone_invalid: strings.phone_invalid, email_invalid: strings.email_invalid, rate_limited: strings.rate_limited, network: strings.network, generic: strings.generic })}</script>
      <p class="sb-notify__preorder" data-preorder hidden><span class="sb-notify__badge">${escape(en.preorder.badge!)}</span> ${escape(en.preorder.notice!)}</p>
      <form class="sb-notify__form" data-form hidden novalidate>
        <h3 class="sb-notify__heading">${escape(en.notify.heading!)}</h3>
        <p>${escape(en.notify.intro!)}</p>
        <label>${escape(en.notify.name_label!)} <input type="text" name="name" autocomplete="name" maxlength="100"></label>
        <label>${escape(en.notify.phone_label!)} <input type="tel" name="phone" autocomplete="tel" required></label>
        <label>${escape(en.notify.email_label!)} <input type="email" name="email" autocomplete="email"></label>
        <p class="sb-notify__consent" data-consent>${escape(consent)}</p>
        <button type="submit" class="button">${escape(en.notify.submit!)}</button>
        <p class="sb-notify__message" data-message role="status" aria-live="polite"></p>
      </form>
    </div>
  </section></main>
  <script src="/cdn/notify-me.js" defer></script>
</body></html>`;
}

/** Serves the store's product page and assets, and forwards its app-proxy calls to the app as Shopify does. */
async function serveStore(page: Page, domain: string, html: string, forwarded: { body: string }[]) {
  const origin = `https://${domain}`;
  await page.route(`${origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === "/cdn/notify-me.js")
      return route.fulfill({
        body: readFileSync(path.join(extension, "assets", "notify-me.js"), "utf8"),
        contentType: "application/javascript",
      });
    if (url.pathname === "/cdn/notify-me.css")
      return route.fulfill({
        body: readFileSync(path.join(extension, "assets", "notify-me.css"), "utf8"),
        contentType: "text/css",
      });
    if (url.pathname.startsWith("/apps/signalboard/")) {
      const proxied = signAppProxyQuery({ shop: domain }, process.env.E2E_SHOPIFY_API_SECRET!);
      const body = route.request().postData() ?? "";
      forwarded.push({ body });
      const res = await fetch(
        `http://127.0.0.1:${process.env.E2E_PORT}/api/storefront/${url.pathname.slice("/apps/signalboard/".length)}?${proxied}`,
        {
          method: route.request().method(),
          headers: { "content-type": "application/json" },
          body,
        },
      );
      return route.fulfill({ status: res.status, body: await res.text(), contentType: "application/json" });
    }
    return route.fulfill({ body: html.replace("{{origin}}", domain), contentType: "text/html" });
  });
  return origin;
}

test("the theme block: sold out → form → signup stored with consent; in stock → no form; preorder → notice", async ({
  page,
}) => {
  const account = await createMerchantAccount({ plan: "PAID", shopName: "Theme Outfitters" });
  const [shop] = await query<{ domain: string; name: string }>(`SELECT domain, name FROM "Shop" WHERE id = $1`, [
    account.shopId,
  ]);
  const suffix = randomBytes(4).toString("hex");
  const productId = `prod_${suffix}`;
  await query(
    `INSERT INTO "Product" (id, "shopId", "shopifyProductId", title, vendor, handle, published, "updatedAt") VALUES ($1, $2, $3, 'Summit Boot', 'Northwind', $4, true, now())`,
    [productId, account.shopId, String(randomInt(1, 2 ** 47)), `summit-boot-${suffix}`],
  );
  const variants: PageVariant[] = [
    { id: String(randomInt(1, 2 ** 47)), title: "Walnut / 9", available: false, preorder: false },
    { id: String(randomInt(1, 2 ** 47)), title: "Walnut / 10", available: true, preorder: false },
    { id: String(randomInt(1, 2 ** 47)), title: "Black / 9", available: true, preorder: true },
  ];
  for (const [i, v] of variants.entries()) {
    await query(
      `INSERT INTO "Variant" (id, "shopId", "productId", "shopifyVariantId", title, price, available, preorder, "updatedAt") VALUES ($1, $2, $3, $4, $5, '129.00', $6, $7, now())`,
      [`var_${suffix}_${i}`, account.shopId, productId, v.id, v.title, v.available && !v.preorder ? 4 : 0, v.preorder],
    );
  }
  const forwarded: { body: string }[] = [];
  const origin = await serveStore(page, shop!.domain, productPage(shop!.name, variants, variants[0]!.id), forwarded);

  await page.goto(`${origin}/products/summit-boot?variant=${variants[0]!.id}`);
  const form = page.locator("[data-form]");
  await expect(form).toBeVisible();
  await expect(page.getByRole("heading", { name: "Back in stock — Notify me" })).toBeVisible();
  const consent = en.notify.consent!.replace("{{ shop }}", shop!.name);
  await expect(page.locator("[data-consent]")).toHaveText(consent);
  await expect(page.locator("[data-preorder]")).toBeHidden();

  // No number: the shopper is told in their language, nothing is sent.
  await page.getByRole("button", { name: "Notify me" }).click();
  await expect(page.getByRole("status")).toHaveText(en.notify.errors.contact_required!);
  expect(forwarded).toHaveLength(0);

  await page.getByLabel("Mobile number").fill("(415) 555-0134");
  await page.getByRole("button", { name: "Notify me" }).click();
  await expect(page.getByRole("status")).toHaveText(en.notify.joined!);
  expect(forwarded).toHaveLength(1);
  expect(JSON.parse(forwarded[0]!.body)).toEqual({
    variantId: variants[0]!.id,
    phone: "(415) 555-0134",
    smsConsent: true,
    consentText: consent,
    pageUrl: `https://${shop!.domain}/products/summit-boot`,
  });
  await expect
    .poll(async () =>
      query<{ phone: string | null; status: string }>(
        `SELECT phone, status FROM "WaitlistEntry" WHERE "variantId" = $1`,
        [`var_${suffix}_0`],
      ),
    )
    .toEqual([{ phone: "+14155550134", status: "WAITING" }]);

  // Switching to an in-stock size hides the form; a preorder size shows the Preorder notice instead.
  await page.getByLabel("Size").selectOption(variants[1]!.id);
  await expect(form).toBeHidden();
  await expect(page.locator("[data-preorder]")).toBeHidden();
  await page.getByLabel("Size").selectOption(variants[2]!.id);
  await expect(form).toBeHidden();
  await expect(page.locator("[data-preorder]")).toBeVisible();
  await expect(page.locator("[data-preorder]")).toContainText("Preorder");
  await page.getByLabel("Size").selectOption(variants[0]!.id);
  await expect(form).toBeVisible();
});
