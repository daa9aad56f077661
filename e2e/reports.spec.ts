import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { orderPayload } from "../lib/shopify/webhook-payloads";
import { createMerchantAccount, postShopifyWebhook, query, signIn, signInSupportAgent } from "./support/app";
import { stockStore } from "./support/shopify-store";

const DAY = 86_400_000;
const BUYER = "+14155550177";
const PHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";

// The server signs short links with a key derived from its AUTH_SECRET (lib/reports/report-link-token.ts); the
// spec knows that secret, so it can tap the link a real alert would carry.
function linkToken(restockId: string): string {
  const key = Buffer.from(hkdfSync("sha256", process.env.E2E_AUTH_SECRET!, "signalboard", "report-click-link:v1", 32));
  return `${restockId}.${createHmac("sha256", key).update(`restock:${restockId}`).digest().subarray(0, 16).toString("base64url")}`;
}

/** A sold-out parka with 12 customers waiting, one restock and its alerts over the last days, as the ledger holds them. */
async function seedShop(shopId: string, shopDomain: string) {
  const id = randomBytes(4).toString("hex");
  const shopifyVariantId = String(46_300_000_000 + parseInt(id.slice(0, 6), 16));
  await stockStore(shopDomain, [
    {
      shopifyProductId: `88${parseInt(id, 16)}`,
      title: "Summit Down Parka",
      vendor: "Northwind",
      handle: "summit-down-parka",
      productType: "Outerwear",
      tags: "",
      imageUrl: "/demo-products/trail-runner-jacket.svg",
      variants: [
        {
          shopifyVariantId,
          inventoryItemId: `77${parseInt(id, 16)}`,
          title: "Medium / Red",
          sku: "SDP-M-RD",
          price: "249.00",
          compareAtPrice: null,
          available: 0,
        },
      ],
    },
  ]);
  let variantId = "";
  await expect
    .poll(async () => {
      const [row] = await query<{ id: string }>(
        `SELECT id FROM "Variant" WHERE "shopId" = $1 AND "shopifyVariantId" = $2`,
        [shopId, shopifyVariantId],
      );
      variantId = row?.id ?? "";
      return variantId;
    })
    .not.toBe("");
  await query(
    `INSERT INTO "WaitlistEntry" (id, "shopId", "variantId", "customerKey", phone, channel, status, "createdAt", "updatedAt")
     SELECT 'w_' || $1 || g, $2, $3, '+1415555' || (3000 + g), '+1415555' || (3000 + g), CASE WHEN g % 3 = 0 THEN 'manual' ELSE 'storefront' END,
            'WAITING', now() - (g % 5) * interval '1 day', now()
       FROM generate_series(1, 12) g`,
    [id, shopId, variantId],
  );
  // Ids look like the app's own (cuid-like): the short link's token carries the restock id.
  const restockId = `r${randomBytes(12).toString("hex")}`;
  // Planned already (its alerts are below), so the sweeper does not plan it again for the waiting customers.
  await query(
    `INSERT INTO "Restock" (id, "shopId", "variantId", trigger, available, planned, "plannedAt", "createdAt") VALUES ($1, $2, $3, 'MANUAL', 4, 5, now() - interval '2 days', now() - interval '2 days')`,
    [restockId, shopId, variantId],
  );
  const alerts: [string, string, string | null, number][] = [
    [BUYER, "DELIVERED", null, 1],
    ["+14155550178", "DELIVERED", null, 2],
    ["+14155550179", "FAILED", null, 2],
    ["+14155550180", "SKIPPED", "customer opted out of SMS", 1],
    ["+14155550181", "UNCONFIRMED", null, 0],
  ];
  for (const [phone, status, reason, daysAgo] of alerts) {
    await query(
      `INSERT INTO "Delivery" (id, "shopId", provider, "eventType", "idempotencyKey", status, "recipientPhone", "restockId", "skipReason", "deliveredAt", "createdAt", "updatedAt")
       VALUES ($1, $2, 'POSTSCRIPT', 'back_in_stock_sms_alert', $3, $4::"DeliveryStatus", $5, $6, $7, CASE WHEN $4 = 'DELIVERED' THEN now() - $8 * interval '1 day' END, now() - $8 * interval '1 day', now())`,
      [
        `d_${id}_${phone.slice(-3)}`,
        shopId,
        `${shopId}:back_in_stock_sms_alert:${restockId}:${phone}`,
        status,
        phone,
        restockId,
        reason,
        daysAgo,
      ],
    );
  }
  return { restockId, shopifyVariantId };
}

async function waitForReport(page: Page, check: () => Promise<boolean>) {
  // The rollup runs once a minute (the local sweeper here): reload until the figures are in.
  const until = Date.now() + 100_000;
  for (;;) {
    await page.reload();
    if (await check()) return;
    if (Date.now() > until) throw new Error("the report never showed the seeded figures");
    await page.waitForTimeout(5_000);
  }
}

test("a merchant reads what Signalboard brought in, exports a table, and support sees the same read-only", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const account = await createMerchantAccount({ plan: "PAID", shopName: "Reports Goods" });
  const { restockId, shopifyVariantId } = await seedShop(account.shopId, account.shopDomain);

  // A page of its own context: the accessibility check (axe) needs one.
  const merchant = await (await browser.newContext()).newPage();
  await signIn(merchant, account);

  // A customer taps the alert's link twice; a link preview and a HEAD request do not count; a forged token is a 404.
  const link = `/r/${linkToken(restockId)}`;
  for (let i = 0; i < 2; i++) {
    const tap = await merchant.request.get(link, { maxRedirects: 0, headers: { "user-agent": PHONE_UA } });
    expect(tap.status()).toBe(307);
    expect(tap.headers()["location"]).toBe(
      `https://${account.shopDomain}/products/summit-down-parka?variant=${shopifyVariantId}&utm_source=signalboard&utm_medium=sms&utm_campaign=back_in_stock`,
    );
  }
  await merchant.request.get(link, { maxRedirects: 0, headers: { "user-agent": "facebookexternalhit/1.1" } });
  await merchant.request.head(link, { maxRedirects: 0, headers: { "user-agent": PHONE_UA } });
  expect(
    (
      await merchant.request.get(`${link.slice(0, -3)}AAA`, { maxRedirects: 0, headers: { "user-agent": PHONE_UA } })
    ).status(),
  ).toBe(404);
  expect(await query(`SELECT count(*)::int AS n FROM "ReportClick" WHERE "shopId" = $1`, [account.shopId])).toEqual([
    { n: 2 },
  ]);

  // The alerted customer buys two parkas (orders/create): a recovered sale of 498.00.
  const order = orderPayload({
    phone: BUYER,
    lineItems: [
      {
        productId: "8800000001",
        variantId: shopifyVariantId,
        title: "Summit Down Parka",
        variantTitle: "Medium / Red",
        price: "249.00",
        quantity: 2,
      },
    ],
  });
  expect((await postShopifyWebhook("orders/create", account.shopDomain, order)).status).toBe(200);
  await expect
    .poll(
      async () =>
        (await query(`SELECT count(*)::int AS n FROM "ReportAttribution" WHERE "shopId" = $1`, [account.shopId]))[0]!.n,
      { timeout: 30_000 },
    )
    .toBe(1);

  await merchant.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  // The machine running the suite may be busy: the first render gets longer than the default 10 s.
  await expect(merchant.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible({ timeout: 30_000 });
  await waitForReport(merchant, async () => (await merchant.getByText("$498.00").count()) > 0);

  const summary = merchant.getByRole("definition").filter({ hasText: "$498.00" });
  await expect(summary.first()).toBeVisible();
  await expect(merchant.getByTestId("report-table-most-wanted")).toContainText("Summit Down Parka");
  await expect(merchant.getByTestId("report-table-most-wanted")).toContainText("$2,988.00"); // 12 waiting × 249.00
  await expect(merchant.getByTestId("report-table-sends-by-type")).toContainText("Back-in-stock alerts");
  await expect(merchant.getByTestId("report-table-skip-reasons")).toContainText("customer opted out of SMS");
  const byProduct = merchant
    .getByTestId("report-table-conversions-by-product")
    .getByRole("row")
    .filter({ hasText: "Summit Down Parka" });
  await expect(byProduct).toContainText("2"); // clicks
  await expect(byProduct).toContainText("50.0%"); // 1 order ÷ 2 delivered alerts
  await expect(merchant.getByRole("img", { name: /Stacked bar chart of sends per day by status/ })).toBeVisible();
  await merchant.screenshot({ path: "test-results/reports-merchant.png", fullPage: true });

  const axe = await new AxeBuilder({ page: merchant }).include("main").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // The range picker: last 7 days, then a custom range the keyboard can fill.
  await merchant.getByRole("link", { name: "Last 7 days" }).click();
  await expect(merchant.getByRole("link", { name: "Last 7 days" })).toHaveAttribute("aria-current", "page");
  const today = new Date().toISOString().slice(0, 10);
  const weekAgo = new Date(Date.now() - 7 * DAY).toISOString().slice(0, 10);
  await merchant.getByLabel("From", { exact: true }).fill(weekAgo);
  await merchant.getByLabel("To", { exact: true }).fill(today);
  await merchant.getByRole("button", { name: "Show custom range" }).click();
  await expect(merchant).toHaveURL(new RegExp(`range=custom&from=${weekAgo}&to=${today}`));
  await expect(merchant.getByText("$498.00").first()).toBeVisible();

  // CSV export of a table holds the same rows.
  const csvHref = await merchant
    .getByRole("link", { name: "Download CSV of Conversions by product" })
    .getAttribute("href");
  const csv = await merchant.request.get(csvHref!);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toBe(
    "Product,Variant,Alerts delivered,Clicks,Orders,Conversion rate (%),Recovered revenue (USD),Average time to order (minutes)",
  );
  expect(lines[1]).toMatch(/^Summit Down Parka,Medium \/ Red,2,2,1,50\.0,498\.00,\d+$/);
  expect(await csv.text()).not.toContain(BUYER);

  // Support sees the same figures for this shop, read-only.
  const agent = await browser.newPage();
  await signInSupportAgent(agent);
  await agent.goto(`/support/shops/${account.shopId}`);
  await agent.getByRole("navigation", { name: "Shop sections" }).getByRole("link", { name: "Reports" }).click();
  // The report streams in after the page's frame, as on the merchant's side (allowed 30 s there too).
  await expect(agent.getByText("$498.00").first()).toBeVisible({ timeout: 30_000 });
  await expect(agent.getByTestId("report-table-most-wanted")).toContainText("Summit Down Parka");
  await expect(agent.getByRole("main").getByRole("button", { name: /save|send|delete/i })).toHaveCount(0);
  expect(await agent.content()).not.toContain(BUYER);
  await agent.screenshot({ path: "test-results/reports-support.png", fullPage: true });
});
