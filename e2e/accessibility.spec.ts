import { expect, test, type Page } from "@playwright/test";
import { DEMO_SHOPS } from "../lib/db/seed-demo";
import { createMerchantAccount, DEMO_LOGINS, pasteKey, query, shopId, signIn, signInSupportAgent } from "./support/app";
import { expectAxeClean, expectLayoutFits } from "./support/page-checks";

const WIDTHS = [390, 1366];

/** axe on the page at the wide layout, then the layout checks at a phone's and a laptop's width. */
async function checkPage(page: Page, path: string, label: string) {
  await page.setViewportSize({ width: 1366, height: 860 });
  await page.goto(path);
  await expectAxeClean(page, label);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 860 });
    await page.waitForTimeout(100);
    await expectLayoutFits(page, label);
    await page.screenshot({
      path: `test-results/a11y/${label.replaceAll(/[^a-z0-9]+/gi, "-").toLowerCase()}-${width}.png`,
      fullPage: true,
    });
  }
}

test("sign-in is axe clean", async ({ page }) => {
  await checkPage(page, "/sign-in", "sign-in");
});

test("every merchant dashboard page, the storefront preview and the customer portal are axe clean and fit 390 and 1366 px", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const id = await shopId(DEMO_SHOPS.northwindOutfitters.domain);
  await signIn(page, DEMO_LOGINS.maya);
  const base = `/shops/${id}`;
  for (const [path, label] of [
    [base, "overview"],
    [`${base}/postscript`, "postscript setup"],
    [`${base}/back-in-stock`, "back in stock"],
    [`${base}/preorders`, "preorders"],
    [`${base}/order-editing`, "order editing"],
    [`${base}/upsells`, "upsell strategies"],
    [`${base}/upsells/new`, "new upsell strategy"],
    [`${base}/activity`, "activity"],
    [`${base}/integrations`, "integrations"],
    [`${base}/settings`, "settings"],
    [`/storefront-preview/${DEMO_SHOPS.northwindOutfitters.domain}`, "storefront preview"],
  ] as const) {
    await checkPage(page, path, label);
  }
  // The customer portal of a demo order, by the link the merchant opens.
  await page.setViewportSize({ width: 1366, height: 860 });
  await page.goto(`${base}/order-editing`);
  const portal = await page.getByRole("link", { name: "Open portal for order #1001" }).getAttribute("href");
  await checkPage(page, portal!, "customer portal");
});

test("Postscript setup with a connected key is axe clean, the keyword select keeps focus, and Disable integration is a plain button", async ({
  page,
}) => {
  const account = await createMerchantAccount({ plan: "PAID", shopName: "Keyboard Outfitters" });
  await signIn(page, account);
  await page.goto(`/shops/${account.shopId}/postscript`);
  await page
    .getByRole("group", { name: "Send SMS through" })
    .getByRole("radio", { name: "Postscript", exact: true })
    .check();
  await pasteKey(page, `sk_sandbox_keyboard_${Date.now().toString(36)}`);
  await expect(page.getByRole("img", { name: "Step 2 complete" })).toBeVisible();

  // Choose a keyword with the keyboard only: focus stays on the select, which shows the saved value at once.
  const picker = page.getByRole("combobox", { name: "Postscript keyword" });
  await picker.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("option", { name: "VIP" })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.getByRole("option", { name: "VIP" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Saved: VIP")).toBeVisible();
  await expect(picker).toBeFocused();
  await expect(picker).toContainText("VIP");
  expect(
    await query(`SELECT "keywordName" FROM "Integration" WHERE provider = 'POSTSCRIPT' AND "shopId" = $1`, [
      account.shopId,
    ]),
  ).toEqual([{ keywordName: "VIP" }]);

  // "Disable integration" is a button named for its action, not a switch that reads "on".
  const disable = page.getByRole("button", { name: "Disable integration" });
  await expect(disable).toBeVisible();
  await expect(page.getByRole("switch")).toHaveCount(0);
  await expect(disable).not.toHaveAttribute("aria-checked", /.*/);
  await expectAxeClean(page, "postscript setup (connected)");
  await checkPage(page, `/shops/${account.shopId}`, "overview (connected)");
});

test("every support console page is axe clean and fits 390 and 1366 px", async ({ page }) => {
  const id = await shopId(DEMO_SHOPS.northwindOutfitters.domain);
  const [delivery] = await query<{ id: string }>(
    `SELECT id FROM "Delivery" WHERE "shopId" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
    [id],
  );
  await signInSupportAgent(page);
  await checkPage(page, "/support", "support search");
  await checkPage(page, `/support/shops/${id}`, "support shop");
  await checkPage(page, `/support/shops/${id}/deliveries`, "support ledger");
  if (delivery) await checkPage(page, `/support/shops/${id}/deliveries/${delivery.id}`, "support delivery");
  await checkPage(page, `/support/shops/${id}/audit`, "support audit");
});
