import { randomBytes, randomInt } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createMerchantAccount, pasteKey, query, sandboxAddKeyword, sandboxFaults, signIn } from "./support/app";
import { setStock, stockStore } from "./support/shopify-store";

// The README's "Getting started" as a new merchant would follow it, one screenshot per stop under
// test-results/readme-walk/. Every tick, banner and summary is checked against the rows behind it.

const shots = (name: string) => `test-results/readme-walk/${name}.png`;
const step = (page: Page, n: number) => page.getByRole("img", { name: `Step ${n} complete` });
const SANDBOX = () => `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}`;

async function count(sql: string, params: unknown[]): Promise<number> {
  const [row] = await query<{ n: number }>(sql, params);
  return Number(row!.n);
}

/** The Overview through the sidebar, as a merchant returns to it. */
async function overview(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Diagnostics" })).toBeVisible();
}

test("the README's walk: connect, sign up, reply Y, restock, and every tick matches the data; then a failure reaches the Overview", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const account = await createMerchantAccount({ plan: "PAID", shopName: "Readme Walk Outfitters" });
  const key = `sk_sandbox_readme_${randomBytes(6).toString("hex")}`;
  const ids = {
    product: String(randomInt(1e12, 9e12)),
    variant: String(randomInt(1e13, 9e13)),
    item: String(randomInt(1e13, 9e13)),
  };
  const medium = { variant: String(randomInt(1e13, 9e13)), item: String(randomInt(1e13, 9e13)) };
  const phoneDigits = `41555501${String(randomInt(10, 99))}`;
  const phone = `+1${phoneDigits}`;

  // The shop's catalog arrives from Shopify: one sold-out variant.
  await stockStore(account.shopDomain, [
    {
      shopifyProductId: ids.product,
      title: "Ridge Fleece",
      vendor: "Northwind",
      handle: "ridge-fleece",
      productType: "Fleece",
      tags: "",
      imageUrl: "/demo-products/trail-runner-jacket.svg",
      variants: [
        {
          shopifyVariantId: ids.variant,
          inventoryItemId: ids.item,
          title: "Large",
          sku: "RF-L",
          price: "89.00",
          compareAtPrice: null,
          available: 0,
        },
        {
          shopifyVariantId: medium.variant,
          inventoryItemId: medium.item,
          title: "Medium",
          sku: "RF-M",
          price: "89.00",
          compareAtPrice: null,
          available: 0,
        },
      ],
    },
  ]);

  // 1. First open: nothing is green. No key, 0 of 5 steps, nothing sent.
  await signIn(page, account);
  await expect(page.getByTestId("postscript-status")).toHaveAttribute("data-status", "not_configured");
  await expect(page.getByTestId("postscript-status")).toContainText("API key not configured");
  await expect(page.getByRole("progressbar", { name: "Setup progress" })).toHaveAttribute("aria-valuenow", "0");
  await expect(page.getByTestId("delivery-health")).toHaveCount(0);
  // Texts would go through built-in SMS (a new shop's default), so a missing Postscript key is a warning, not red.
  await expect(page.getByTestId("diagnostic-key-not-configured")).toHaveAttribute("data-status", "warning");
  await page.screenshot({ path: shots("01-first-overview"), fullPage: true });

  // 2. Postscript setup, steps 1 to 4, each tick checked against the database.
  await page.getByRole("link", { name: "Continue: Send SMS through Postscript" }).click();
  await page
    .getByRole("group", { name: "Send SMS through" })
    .getByRole("radio", { name: "Postscript", exact: true })
    .check();
  await expect(step(page, 1)).toBeVisible();
  expect(await query(`SELECT provider FROM "SmsSettings" WHERE "shopId" = $1`, [account.shopId])).toEqual([
    { provider: "POSTSCRIPT" },
  ]);
  await pasteKey(page, key);
  await expect(step(page, 2)).toBeVisible();
  expect(
    await query(
      `SELECT verification, enabled, "keyLast4" FROM "Integration" WHERE provider = 'POSTSCRIPT' AND "shopId" = $1`,
      [account.shopId],
    ),
  ).toEqual([{ verification: "VERIFIED", enabled: true, keyLast4: key.slice(-4) }]);
  await sandboxAddKeyword(key, "FLEECE");
  await page.getByRole("button", { name: "Refresh" }).click();
  await page.getByRole("combobox", { name: "Postscript keyword" }).click();
  await page.getByRole("option", { name: "FLEECE" }).click();
  await expect(page.getByText("Saved: FLEECE")).toBeVisible();
  await expect(step(page, 3)).toBeVisible();
  expect(
    await query(`SELECT "keywordName" FROM "Integration" WHERE provider = 'POSTSCRIPT' AND "shopId" = $1`, [
      account.shopId,
    ]),
  ).toEqual([{ keywordName: "FLEECE" }]);
  for (const name of ["Back in stock SMS", "Back in stock reminder SMS", "Preorder SMS"]) {
    await expect(async () => {
      await page.getByRole("button", { name: `Send test event for ${name}` }).click();
      await expect(page.getByText(/Accepted by Postscript: the trigger .* is now available/).first()).toBeVisible({
        timeout: 4_000,
      });
    }).toPass({ timeout: 20_000 });
    await page.getByRole("button", { name: `I've created the Flow for ${name}` }).click();
    await expect(page.getByRole("button", { name: `Undo: mark the Flow for ${name} as not created` })).toBeVisible();
    await page.waitForLoadState("networkidle");
  }
  await expect(step(page, 4)).toBeVisible();
  expect(
    await count(
      `SELECT count(DISTINCT "eventType")::int AS n FROM "TestEvent" WHERE "shopId" = $1 AND status = 'ACCEPTED'`,
      [account.shopId],
    ),
  ).toBe(3);
  expect(await count(`SELECT count(*)::int AS n FROM "FlowConfirmation" WHERE "shopId" = $1`, [account.shopId])).toBe(
    3,
  );
  // Step 5 waits for a real alert to a customer who replied Y: not ticked yet.
  await expect(step(page, 5)).toHaveCount(0);
  await page.screenshot({ path: shots("02-setup-steps-1-4"), fullPage: true });

  // 3. "Back in stock → Current waitlist → storefront preview": sign up for the sold-out variant.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Back in stock" }).click();
  const preview = page.getByRole("link", { name: /Storefront preview/ });
  await expect(preview).toHaveAttribute("href", `/storefront-preview/${account.shopDomain}`);
  // The preview opens in a new tab of the same browser (it is for the signed-in merchant).
  const storefront = await page.context().newPage();
  await storefront.goto(`/storefront-preview/${account.shopDomain}`);
  const form = storefront.getByRole("form", { name: "Notify me: Ridge Fleece – Large" });
  await form.getByLabel("Name").fill("Casey Rivera");
  await form
    .getByLabel("Phone")
    .fill(`(${phoneDigits.slice(0, 3)}) ${phoneDigits.slice(3, 6)}-${phoneDigits.slice(6)}`);
  await form.getByRole("checkbox", { name: /Text me when it's back/ }).check();
  await form.getByRole("button", { name: "Notify me when available" }).click();
  await expect(form.getByRole("status")).toContainText("You're on the waitlist!");
  await expect(storefront.getByTestId("recent-signup").first().getByText("Subscribed")).toBeVisible({
    timeout: 15_000,
  });
  await storefront.screenshot({ path: shots("03-storefront-signup"), fullPage: true });

  // Step 5 shows the signup (one waitlist row with that phone) and still waits for the alert; the Overview stays at 4 of 5.
  expect(
    await count(`SELECT count(*)::int AS n FROM "WaitlistEntry" WHERE "shopId" = $1 AND phone = $2`, [
      account.shopId,
      phone,
    ]),
  ).toBe(1);
  await page.goto(`/shops/${account.shopId}/postscript#step-test`);
  await expect(page.getByTestId("test-stage-signup")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("test-stage-delivered")).toHaveAttribute("data-done", "false");
  await overview(page);
  await expect(page.getByRole("progressbar", { name: "Setup progress" })).toHaveAttribute("aria-valuenow", "4");

  // 4. In the sandbox inbox, under Subscribers, click Reply Y for that number: Postscript's signed opt-in webhook.
  const inbox = await browser.newPage();
  await inbox.goto(`${SANDBOX()}/sandbox`);
  await inbox.getByRole("button", { name: `Reply Y from ${phone}` }).click();
  await expect
    .poll(
      () => query(`SELECT state FROM "SubscriberConsent" WHERE "shopId" = $1 AND phone = $2`, [account.shopId, phone]),
      { timeout: 20_000 },
    )
    .toEqual([{ state: "OPTED_IN" }]);
  await inbox.screenshot({ path: shots("04-sandbox-reply-y"), fullPage: true });

  // 5. Stock comes back in Shopify, which sends its signed webhook: one alert goes out and step 5 turns green.
  await setStock(account.shopDomain, ids.item, 5);
  await expect
    .poll(
      () =>
        count(
          `SELECT count(*)::int AS n FROM "Delivery" WHERE "shopId" = $1 AND "eventType" = 'back_in_stock_sms_alert' AND status = 'DELIVERED'`,
          [account.shopId],
        ),
      { timeout: 30_000 },
    )
    .toBe(1);
  await inbox.reload();
  await expect(inbox.getByText("Ridge Fleece").first()).toBeVisible();
  await inbox.screenshot({ path: shots("05-sandbox-alert"), fullPage: true });
  await page.goto(`/shops/${account.shopId}/postscript#step-test`);
  await expect(step(page, 5)).toBeVisible();
  await page.screenshot({ path: shots("06-setup-complete"), fullPage: true });

  // The Overview agrees with the data: Connected and green, 5 of 5, nothing failing, the counts of the ledger.
  await overview(page);
  const delivered = await count(
    `SELECT count(*)::int AS n FROM "Delivery" WHERE "shopId" = $1 AND status = 'DELIVERED' AND "updatedAt" >= now() - interval '30 days'`,
    [account.shopId],
  );
  await expect(page.getByTestId("postscript-status")).toHaveAttribute("data-status", "connected");
  await expect(page.getByTestId("postscript-status")).toContainText(
    "Signalboard is sending events to your Postscript account.",
  );
  await expect(page.getByRole("progressbar", { name: "Setup progress" })).toHaveAttribute("aria-valuenow", "5");
  // The setup card speaks for the setup only; whether texts go out is the sending banner's to say, from the ledger.
  await expect(page.getByText("Every step has a green checkmark: setup is complete.")).toBeVisible();
  await expect(page.getByText(/is texting your alerts/)).toHaveCount(0);
  await expect(page.getByTestId("diagnostic-setup-incomplete")).toHaveAttribute("data-status", "ok");
  await expect(page.getByTestId("diagnostic-deliveries-failed")).toHaveAttribute("data-status", "ok");
  await expect(page.getByTestId("diagnostic-events-delayed")).toHaveAttribute("data-status", "ok");
  await expect(page.getByTestId("delivery-health")).toHaveCount(0);
  await expect(page.getByRole("definition").first()).toHaveText(String(delivered));
  await page.screenshot({ path: shots("07-overview-all-green"), fullPage: true });

  // 6. Postscript starts failing (every call answers 500): a second customer's alert retries. The Overview says so,
  // and "Connected" is no longer green.
  const secondDigits = `41555502${String(randomInt(10, 99))}`;
  await storefront.reload();
  const second = storefront.getByRole("form", { name: "Notify me: Ridge Fleece – Medium" });
  await second.getByLabel("Name").fill("Jordan Lee");
  await second
    .getByLabel("Phone")
    .fill(`(${secondDigits.slice(0, 3)}) ${secondDigits.slice(3, 6)}-${secondDigits.slice(6)}`);
  await second.getByRole("checkbox", { name: /Text me when it's back/ }).check();
  await second.getByRole("button", { name: "Notify me when available" }).click();
  await expect(second.getByRole("status")).toContainText("You're on the waitlist!");
  await expect
    .poll(
      () =>
        count(`SELECT count(*)::int AS n FROM "WaitlistEntry" WHERE "shopId" = $1 AND "postscriptSync" = 'SYNCED'`, [
          account.shopId,
        ]),
      { timeout: 20_000 },
    )
    .toBe(2);
  await sandboxFaults(key, { share500: 1 });
  try {
    await setStock(account.shopDomain, medium.item, 3);
    await expect
      .poll(
        () =>
          count(`SELECT count(*)::int AS n FROM "Delivery" WHERE "shopId" = $1 AND status = 'RETRYING'`, [
            account.shopId,
          ]),
        { timeout: 30_000 },
      )
      .toBe(1);
    // Later in its backoff the next attempt is minutes away (the engine's cap is 10 min): hold it there, so the
    // circuit breaker does not turn this into a pause while the page is checked.
    await query(
      `UPDATE "Delivery" SET "nextAttemptAt" = now() + interval '10 minutes' WHERE "shopId" = $1 AND status = 'RETRYING'`,
      [account.shopId],
    );
    await page.reload();
    const retrying = page.getByTestId("delivery-health-retrying");
    await expect(retrying).toHaveAttribute("data-count", "1");
    await expect(retrying).toContainText("1 event retrying after an error");
    await expect(retrying).toContainText(/since .* EST/);
    await expect(page.getByTestId("postscript-status")).toContainText(
      "Your key works, but not every text is going out: 1 event retrying after an error.",
    );
    await expect(page.getByTestId("diagnostic-events-delayed")).not.toHaveAttribute("data-status", "ok");
    await page.screenshot({ path: shots("08-overview-retrying"), fullPage: true });

    // It gives up (as the engine leaves a row after its last attempt): failed, with Postscript's answer, on the Overview.
    await query(
      `UPDATE "Delivery" SET status = 'FAILED', attempts = 12, "nextAttemptAt" = NULL, "responseStatus" = 500, "updatedAt" = now(),
              error = 'Gave up after 12 attempts. Last answer: Postscript had a server problem (HTTP 500)' WHERE "shopId" = $1 AND status = 'RETRYING'`,
      [account.shopId],
    );
    await page.reload();
    const failed = await count(`SELECT count(*)::int AS n FROM "Delivery" WHERE "shopId" = $1 AND status = 'FAILED'`, [
      account.shopId,
    ]);
    expect(failed).toBe(1);
    await expect(page.getByTestId("delivery-health")).toHaveAttribute("data-tone", "problem");
    await expect(page.getByTestId("delivery-health-failed")).toHaveAttribute("data-count", String(failed));
    await expect(page.getByTestId("delivery-health-failed")).toContainText(
      "Latest answer: Gave up after 12 attempts. Last answer: Postscript had a server problem (HTTP 500)",
    );
    await expect(page.getByTestId("diagnostic-deliveries-failed")).toHaveAttribute("data-status", "problem");
    await expect(page.getByTestId("diagnostic-events-delayed")).toHaveAttribute("data-status", "ok");
    await expect(page.getByRole("definition").nth(1)).toHaveText(String(failed));
    await page.screenshot({ path: shots("09-overview-failed"), fullPage: true });

    // "Why didn't a customer get a text?" stops at the failed alert.
    await page.getByLabel("Customer phone or email").fill(`+1${secondDigits}`);
    await page.getByRole("button", { name: "Look up" }).click();
    const timeline = page.getByTestId("person-timeline");
    await expect(timeline).toContainText(/Where it stopped for/);
    await expect(timeline).toContainText("failed");
    await expect(timeline).toContainText("Gave up after 12 attempts");
    await page.screenshot({ path: shots("10-person-lookup"), fullPage: true });
  } finally {
    await sandboxFaults(key, { share500: 0 });
  }

  // 7. Disable integration: nothing on the Overview stays green.
  await page.goto(`/shops/${account.shopId}/postscript`);
  await page.getByRole("button", { name: "Disable integration" }).click();
  await expect(page.getByRole("button", { name: "Enable integration" })).toBeVisible();
  expect(
    await query(`SELECT enabled FROM "Integration" WHERE provider = 'POSTSCRIPT' AND "shopId" = $1`, [account.shopId]),
  ).toEqual([{ enabled: false }]);
  await expect(step(page, 2)).toHaveCount(0);
  await overview(page);
  await expect(page.getByTestId("postscript-status")).toHaveAttribute("data-status", "disabled");
  await expect(page.getByTestId("diagnostic-setup-incomplete")).toHaveAttribute("data-status", "warning");
  await expect(page.getByText("Every step has a green checkmark")).toHaveCount(0);
  await page.screenshot({ path: shots("11-overview-disabled"), fullPage: true });
});
