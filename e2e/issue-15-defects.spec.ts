import { randomBytes, randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_SHOPS } from "../lib/db/seed-demo";
import {
  createMerchantAccount,
  DEMO_LOGINS,
  pasteKey,
  query,
  setUpPostscript,
  shopId,
  signIn,
  signInSupportAgent,
} from "./support/app";
import { stockStore } from "./support/shopify-store";
import { actWithReason, insertFailedDelivery, openSupportShop } from "./support/support-console";

// The UI defects a new merchant hit (issue 15), one check each, on the built app.

test("wording: the waitlist card says what Send does, and no check prints a doubled parenthesis", async ({ page }) => {
  const id = await shopId(DEMO_SHOPS.northwindOutfitters.domain);
  await signIn(page, DEMO_LOGINS.maya);
  await page.goto(`/shops/${id}/back-in-stock`);
  await expect(page.getByRole("heading", { name: "Current waitlist" })).toBeVisible();
  const text = await page.locator("main").innerText();
  expect(text).not.toContain("Send alerts a variant's waiting customers now");
  expect(text).not.toContain(".)");
  await page.goto(`/shops/${id}`);
  await expect(page.getByRole("heading", { name: "Diagnostics" })).toBeVisible();
  expect(await page.locator("main").innerText()).not.toMatch(/\(\w+ \(could not be checked just now\)\.\)/);
});

test("a new upsell strategy does not tick Postscript while the shop has not connected it", async ({ page }) => {
  // A shop of its own: the demo shops may be connected by other specs of the same run.
  const account = await createMerchantAccount({ plan: "PAID", shopName: "Unconnected Upsells" });
  const [row] = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Integration" WHERE provider = 'POSTSCRIPT' AND "shopId" = $1 AND "encryptedKey" IS NOT NULL`,
    [account.shopId],
  );
  expect(row!.n).toBe(0);
  await signIn(page, account);
  await page.goto(`/shops/${account.shopId}/upsells/new`);
  await page.getByRole("button", { name: /Advanced settings/ }).click();
  await expect(page.getByRole("checkbox", { name: "Postscript", exact: true })).not.toBeChecked();
  await expect(page.getByText(/Upsell events won't reach Postscript: it isn't connected/)).toBeVisible();
});

test("after Send test event a flow row says only what happened, and a never-sent row offers Send, not Resend", async ({
  page,
}) => {
  const account = await createMerchantAccount({ plan: "PAID", shopName: "Test Event Goods" });
  await signIn(page, account);
  await page.goto(`/shops/${account.shopId}/postscript`);
  await page
    .getByRole("group", { name: "Send SMS through" })
    .getByRole("radio", { name: "Postscript", exact: true })
    .check();
  await pasteKey(page, `sk_sandbox_testevent_${Date.now().toString(36)}`);
  await expect(page.getByRole("img", { name: "Step 2 complete" })).toBeVisible();
  const rows = page.getByRole("button", { name: /^Send test event for / });
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole("button", { name: /Resend test event/ })).toHaveCount(0);
  await expect(page.getByText("No test event sent yet.")).toHaveCount(3);

  await expect(async () => {
    await page.getByRole("button", { name: "Send test event for Back in stock SMS" }).click();
    await expect(
      page.getByText(
        "Accepted by Postscript: the trigger back_in_stock_sms_alert is now available in Create Automation.",
      ),
    ).toBeVisible({ timeout: 4_000 });
  }).toPass({ timeout: 20_000 });
  // The answer and "never sent" never show together: two rows are still unsent.
  await expect(page.getByText("No test event sent yet.")).toHaveCount(2);
  await page.reload();
  await expect(page.getByText("No test event sent yet.")).toHaveCount(2);
  await expect(page.getByText(/Last test accepted .* (EST|EDT|UTC)/)).toHaveCount(1);
});

test("support: a reveal shows in the event's audit entries at once; the lookup takes +15555550104; variant ids and masked emails are shown as they are", async ({
  browser,
}) => {
  const account = await createMerchantAccount({ plan: "PAID", shopName: "Reveal Goods" });
  const failed = await insertFailedDelivery(account.shopId, "+14155550177");
  const agent = await browser.newPage();
  await signInSupportAgent(agent);
  await openSupportShop(agent, "Reveal Goods");
  await agent.goto(`/support/shops/${account.shopId}/deliveries/${failed.id}`);
  await expect(agent.getByText("No support action on this event yet.")).toBeVisible();
  await actWithReason(agent, "Reveal", "Reveal recipient", "Customer asked by phone why no text came");
  await expect(agent.getByTestId("recipient")).toContainText("+14155550177");
  // Without a reload: the reveal is listed, and the recipient stays revealed.
  await expect(agent.getByText("No support action on this event yet.")).toHaveCount(0);
  // Named in words, not by its raw key (support.recipient_revealed).
  await expect(agent.getByTestId("audit-entry").first().locator("p").first()).toHaveText(
    "Support revealed a recipient",
  );
  await expect(agent.getByTestId("recipient")).toContainText("+14155550177");
  await agent.screenshot({ path: "test-results/issue-15/support-reveal.png", fullPage: true });

  // The demo shop's person lookup takes a full E.164 number that Activity finds.
  const demo = await shopId(DEMO_SHOPS.northwindOutfitters.domain);
  await agent.goto(`/support/shops/${demo}`);
  await agent.getByLabel("Customer phone or email").fill("+15555550104");
  await agent.getByRole("button", { name: "Look up" }).click();
  await expect(agent.getByTestId("timeline-who")).toBeVisible();
  await expect(agent.getByText(/doesn't look like|not a phone/i)).toHaveCount(0);
  const who = agent.getByTestId("timeline-who");
  // The heading keeps the masked value's own case (no CSS uppercase on a masked email).
  expect(await who.evaluate((el) => getComputedStyle(el).textTransform)).toBe("none");
  await agent.screenshot({ path: "test-results/issue-15/support-lookup.png", fullPage: true });
  // No test event was ever sent for the demo shop: the console offers "Send", not "Resend".
  await expect(agent.getByRole("button", { name: "Send test event back_in_stock_sms_alert" })).toBeVisible();
  await expect(agent.getByRole("button", { name: /^Resend test event/ })).toHaveCount(0);

  // A delivery's purchase_link keeps its variant id (only contact details are masked), a 14-digit id included.
  const link = `https://${account.shopDomain}/products/ridge-fleece?variant=46211000000022`;
  const [alert] = await query<{ id: string }>(
    `INSERT INTO "Delivery" (id, "shopId", provider, "eventType", "idempotencyKey", status, "recipientPhone", properties, attempts, error, "updatedAt")
     VALUES ('dl_link_' || substr(md5(random()::text), 1, 10), $1, 'POSTSCRIPT', 'back_in_stock_sms_alert', $2, 'FAILED', '+14155550177', $3::jsonb, 1, 'Postscript rejected the event (HTTP 400)', now())
     RETURNING id`,
    [
      account.shopId,
      `${account.shopId}:link:${Date.now()}`,
      JSON.stringify({ product_title: "Ridge Fleece", purchase_link: link, customer_phone: "+14155550177" }),
    ],
  );
  await agent.goto(`/support/shops/${account.shopId}/deliveries/${alert!.id}`);
  await expect(agent.getByText(link, { exact: true })).toBeVisible();
  expect(await agent.content()).not.toContain("+14155550177");
});

test("Send on a sold-out variant warns first; a double click is one send in the audit log; the row's counts update without a reload", async ({
  page,
}) => {
  test.setTimeout(120_000); // a whole merchant-and-customer walk: a minute is tight on a busy machine
  const account = await createMerchantAccount({ plan: "PAID", shopName: "Sold Out Goods" });
  const ids = {
    product: String(randomInt(1e12, 9e12)),
    variant: String(randomInt(1e13, 9e13)),
    item: String(randomInt(1e13, 9e13)),
  };
  await stockStore(account.shopDomain, [
    {
      shopifyProductId: ids.product,
      title: "Canyon Cap",
      vendor: "Northwind",
      handle: "canyon-cap",
      productType: "Hats",
      tags: "",
      imageUrl: "/demo-products/merino-beanie.svg",
      variants: [
        {
          shopifyVariantId: ids.variant,
          inventoryItemId: ids.item,
          title: "One size",
          sku: "CC-1",
          price: "25.00",
          compareAtPrice: null,
          available: 0,
        },
      ],
    },
  ]);
  await signIn(page, account);
  await setUpPostscript(page, account.shopId, `sk_sandbox_soldout_${randomBytes(6).toString("hex")}`);
  await page.goto(`/storefront-preview/${account.shopDomain}`);
  const form = page.getByRole("form", { name: "Notify me: Canyon Cap – One size" });
  await form.getByLabel("Name").fill("Robin Park");
  await form.getByLabel("Phone").fill("(415) 555-0166");
  await form.getByRole("checkbox", { name: /Text me when it's back/ }).check();
  await form.getByRole("button", { name: "Notify me when available" }).click();
  await expect(form.getByRole("status")).toContainText("You're on the waitlist!");

  await page.goto(`/shops/${account.shopId}/back-in-stock`);
  const row = page.getByRole("row").filter({ hasText: "Canyon Cap" });
  await expect(row.getByRole("cell").nth(1)).toHaveText("1");
  await row.getByRole("button", { name: /^Send to the waitlist for Canyon Cap/ }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("alert")).toContainText("This variant is sold out (0 in stock)");
  await dialog.getByRole("button", { name: "Send anyway to 1 customer" }).dblclick();
  await expect(dialog.getByRole("heading", { name: /Sending to the waitlist for Canyon Cap/ })).toBeVisible();
  await expect
    .poll(() => query(`SELECT status FROM "WaitlistEntry" WHERE "shopId" = $1`, [account.shopId]), { timeout: 30_000 })
    .toEqual([{ status: "NOTIFIED" }]);
  await dialog.getByRole("button", { name: "Close" }).click();
  // The row reads the new counts at once: nobody waiting, one notified.
  await expect(row.getByRole("cell").nth(1)).toHaveText("0");
  await expect(row.getByRole("cell").nth(3)).toHaveText("1 · 0");
  expect(
    await query(
      `SELECT count(*)::int AS n FROM "AuditLog" WHERE "shopId" = $1 AND action = 'back_in_stock.sent_to_waitlist'`,
      [account.shopId],
    ),
  ).toEqual([{ n: 1 }]);
  await page.screenshot({ path: "test-results/issue-15/sold-out-send.png", fullPage: true });
});

test("the customer portal shows the order total the customer pays, not only the items subtotal", async ({ page }) => {
  const id = await shopId(DEMO_SHOPS.northwindOutfitters.domain);
  const [order] = await query<{ totalPrice: string; currency: string }>(
    `SELECT "totalPrice", currency FROM "Order" WHERE "shopId" = $1 AND name = '#1001'`,
    [id],
  );
  expect(order?.totalPrice).toBeTruthy();
  await signIn(page, DEMO_LOGINS.maya);
  await page.goto(`/shops/${id}/order-editing`);
  const portal = await page.getByRole("link", { name: "Open portal for order #1001" }).getAttribute("href");
  await page.goto(portal!);
  const total = page.getByText("Order total", { exact: true });
  await expect(total).toBeVisible();
  const amount = new Intl.NumberFormat("en-US", { style: "currency", currency: order!.currency }).format(
    Number(order!.totalPrice),
  );
  await expect(total.locator("xpath=..")).toContainText(amount);
  await page.screenshot({ path: "test-results/issue-15/portal-total.png", fullPage: true });
});
