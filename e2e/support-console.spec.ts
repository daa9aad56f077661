import { expect, test } from "@playwright/test";
import { DEMO_SUPPORT_AGENT } from "../lib/db/seed-demo";
import {
  createMerchantAccount,
  DEMO_LOGINS,
  query,
  sandboxInbox,
  setUpPostscript,
  shopId,
  signIn,
  signInSupportAgent,
} from "./support/app";
import { actWithReason, insertFailedDelivery, openSupportShop } from "./support/support-console";

const PHONE = "+14155550188";

test("an agent finds a shop, replays a failed delivery, sees it delivered and audited; the key never shows beyond its last 4", async ({
  browser,
}) => {
  // Its own name, so the search finds this shop alone when the spec runs again on the same database.
  const shopName = `Support Console Goods ${Date.now().toString(36)}`;
  const account = await createMerchantAccount({ plan: "PAID", shopName });
  const key = `sk_sandbox_console_${Date.now().toString(36)}x9f3`;

  // The merchant connects Postscript; an outage earlier left one preorder confirmation FAILED.
  const merchant = await browser.newPage();
  await signIn(merchant, account);
  await setUpPostscript(merchant, account.shopId, key);
  const failed = await insertFailedDelivery(account.shopId, PHONE);

  // The merchant's Overview explains it with a diagnostic.
  await merchant.goto(`/shops/${account.shopId}`);
  await expect(merchant.getByRole("heading", { name: "Diagnostics" })).toBeVisible();
  await expect(merchant.getByTestId("diagnostic-setup-incomplete")).toHaveAttribute("data-status", "warning");
  await merchant.screenshot({ path: "test-results/support-merchant-overview.png", fullPage: true });

  const agent = await browser.newPage();
  await signInSupportAgent(agent);
  await openSupportShop(agent, shopName);
  await expect(agent.getByTestId("key-last4")).toHaveText(`••••${key.slice(-4)}`);
  await expect(agent.getByRole("heading", { name: "Diagnostics" })).toBeVisible();
  await expect(agent.getByTestId("flow-preorder_sms_confirmed")).toContainText("never sent");
  await agent.screenshot({ path: "test-results/support-shop.png", fullPage: true });
  expect(await agent.content()).not.toContain(key.slice(0, -4));

  // The ledger, filtered by the customer's phone, shows the failed event masked; open it.
  await agent.getByRole("navigation", { name: "Shop sections" }).getByRole("link", { name: "Delivery ledger" }).click();
  // The shop page's person lookup has the same label: fill the ledger's own filter, once the ledger is in (under
  // load the click's navigation took long enough for the lookup to be filled instead).
  await expect(agent).toHaveURL(/\/deliveries$/);
  const ledgerFilter = agent.getByRole("search").filter({ has: agent.getByRole("button", { name: "Filter" }) });
  await ledgerFilter.getByLabel("Customer phone or email").fill("4155550188");
  await ledgerFilter.getByRole("button", { name: "Filter" }).click();
  // The unfiltered ledger already shows the row: open it only once the filtered page (the audited search) is in.
  await expect(agent).toHaveURL(/[?&]recipient=4155550188(&|$)/);
  const row = agent.getByRole("row").filter({ hasText: "preorder_sms_confirmed" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("+1••••••0188");
  await expect(row).toContainText("failed");
  await expect(row).toContainText("Gave up after 12 attempts");
  await agent.screenshot({ path: "test-results/support-ledger.png", fullPage: true });
  expect(await agent.content()).not.toContain(PHONE);
  await row.getByRole("link").click();
  await expect(agent.getByTestId("delivery-status")).toHaveText("failed");
  await expect(agent.getByTestId("recipient")).toHaveText("+1••••••0188");

  // A reason is required; then the replay goes through the ledger and Postscript accepts it.
  await agent.getByRole("button", { name: "Replay delivery", exact: true }).click();
  await expect(
    agent.getByRole("form", { name: "Replay delivery" }).getByRole("button", { name: "Replay", exact: true }),
  ).toBeDisabled();
  await agent.keyboard.press("Escape");
  await expect(agent.getByRole("button", { name: "Replay delivery", exact: true })).toBeFocused();
  await actWithReason(agent, "Replay delivery", "Replay", "Ticket 4512: preorder text lost in the Postscript outage");
  await expect(agent.getByTestId("delivery-status")).toHaveText("delivered", { timeout: 20_000 });
  const entry = agent
    .getByTestId("audit-entry")
    .filter({ hasText: "Support replayed a failed or unconfirmed delivery" });
  await expect(entry).toContainText(DEMO_SUPPORT_AGENT.email);
  await expect(entry).toContainText("Reason: Ticket 4512: preorder text lost in the Postscript outage");
  await expect(agent.getByText("Delivered: a delivered event is never sent again.")).toBeVisible();
  await agent.screenshot({ path: "test-results/support-delivery-replayed.png", fullPage: true });

  const received = (await sandboxInbox(key.slice(-4), "preorder_sms_confirmed")).filter(
    (e) => (e as { externalId?: string }).externalId === failed.idempotencyKey,
  );
  expect(received).toHaveLength(1);
  expect(await query(`SELECT status, attempts FROM "Delivery" WHERE id = $1`, [failed.id])).toEqual([
    { status: "DELIVERED", attempts: 1 },
  ]);
  expect(
    await query(
      `SELECT "actorType", reason FROM "AuditLog" WHERE "shopId" = $1 AND action = 'support.delivery_replayed'`,
      [account.shopId],
    ),
  ).toEqual([{ actorType: "SUPPORT_AGENT", reason: "Ticket 4512: preorder text lost in the Postscript outage" }]);

  // Revealing the recipient is audited too.
  await actWithReason(agent, "Reveal", "Reveal recipient", "Ticket 4512: confirm the number with the merchant");
  // The audited reveal shows the customer's name (masked until then) with the number.
  await expect(agent.getByTestId("recipient")).toHaveText(`Riley Chen · ${PHONE}`);
  expect(
    await query(
      `SELECT count(*)::int AS n FROM "AuditLog" WHERE "shopId" = $1 AND action = 'support.recipient_revealed'`,
      [account.shopId],
    ),
  ).toEqual([{ n: 1 }]);
  // The event's own audit list shows it once the page's refresh is in (a click away before then could race it).
  await expect(agent.getByTestId("audit-entry").filter({ hasText: "Support revealed a recipient" })).toHaveCount(1);

  // The audit log page lists the three support actions (the ledger search too), and nowhere is more of the key
  // than its last 4.
  await agent.getByRole("navigation", { name: "Shop sections" }).getByRole("link", { name: "Audit log" }).click();
  await agent.getByRole("link", { name: "Support actions" }).click();
  await expect(agent.getByTestId("audit-entry")).toHaveCount(3);
  await expect(
    agent.getByTestId("audit-entry").filter({ hasText: "Support searched the delivery ledger for a customer" }),
  ).toHaveCount(1);
  expect(await agent.content()).not.toContain(key.slice(0, -4));
});

test("a merchant cannot reach the Support area", async ({ page }) => {
  const northwind = await shopId("northwind-outfitters.myshopify.com");
  const [delivery] = await query<{ id: string }>(`SELECT id FROM "Delivery" WHERE "shopId" = $1 LIMIT 1`, [northwind]);
  await signIn(page, DEMO_LOGINS.maya);
  for (const path of [
    "/support",
    `/support/shops/${northwind}`,
    `/support/shops/${northwind}/deliveries`,
    `/support/shops/${northwind}/audit`,
    `/support/shops/${northwind}/deliveries/${delivery?.id ?? "x"}`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  // The merchant's own dashboard has no link to the support console.
  await page.goto(`/shops/${northwind}`);
  await expect(page.getByRole("link", { name: "Support console" })).toHaveCount(0);
});
