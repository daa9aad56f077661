import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createMerchantAccount, pasteKey, query, sandboxAddKeyword, sandboxEventTypes, signIn } from "./support/app";

const step = (page: Page, n: number) => page.getByRole("img", { name: `Step ${n} complete` });

test("a merchant walks steps 1 to 4 and sees each checkmark appear", async ({ page }) => {
  const account = await createMerchantAccount({ plan: "PAID", shopName: "Walkthrough Outfitters" });
  const key = `sk_sandbox_walk_${randomBytes(6).toString("hex")}`;
  await signIn(page, account);

  // The Overview says setup is incomplete and links to the first unfinished step.
  await expect(page.getByText(/Setup appears incomplete: 0 of 5 steps/)).toBeVisible();
  await page.getByRole("link", { name: "Continue: Send SMS through Postscript" }).click();
  await expect(page).toHaveURL(/\/postscript#step-provider$/);
  await expect(step(page, 1)).toHaveCount(0);

  // Step 1: Postscript as the SMS provider.
  await page
    .getByRole("group", { name: "Send SMS through" })
    .getByRole("radio", { name: "Postscript", exact: true })
    .check();
  await expect(step(page, 1)).toBeVisible();

  // Step 2: connect.
  await pasteKey(page, key);
  await expect(step(page, 2)).toBeVisible();

  // Step 3: the keyword list comes from Postscript; a keyword created there appears after Refresh.
  const picker = page.getByRole("combobox", { name: "Postscript keyword" });
  await expect(picker).toBeVisible();
  await sandboxAddKeyword(key, "BACKSOON");
  await page.getByRole("button", { name: "Refresh" }).click();
  await picker.click();
  await expect(page.getByRole("option")).toHaveText(["BACKSOON", "RESTOCK", "VIP", "WELCOME"]);
  await page.getByRole("option", { name: "BACKSOON" }).click();
  await expect(page.getByText("Saved: BACKSOON")).toBeVisible();
  await expect(step(page, 3)).toBeVisible();
  expect(
    await query(`SELECT "keywordName" FROM "Integration" WHERE provider = 'POSTSCRIPT' AND "shopId" = $1`, [
      account.shopId,
    ]),
  ).toEqual([{ keywordName: "BACKSOON" }]);

  // Step 4: register each trigger with a test event, then confirm each flow.
  for (const [name, type] of [
    ["Back in stock SMS", "back_in_stock_sms_alert"],
    ["Back in stock reminder SMS", "back_in_stock_sms_reminder"],
    ["Preorder SMS", "preorder_sms_confirmed"],
  ]) {
    // As a merchant would: wait for Postscript's answer before confirming the flow. One click is enough, even
    // while the previous row's refresh is in flight (see setup-action-race.spec.ts).
    await page.getByRole("button", { name: `Send test event for ${name}` }).click();
    await expect(
      page.getByText(`Accepted by Postscript: the trigger ${type} is now available in Create Automation.`),
    ).toBeVisible();
    await page.getByRole("button", { name: `I've created the Flow for ${name}` }).click();
    await expect(page.getByRole("button", { name: `Undo: mark the Flow for ${name} as not created` })).toBeVisible();
    await page.waitForLoadState("networkidle");
  }
  await expect(step(page, 4)).toBeVisible();
  expect((await sandboxEventTypes(key.slice(-4))).sort()).toEqual([
    "back_in_stock_sms_alert",
    "back_in_stock_sms_reminder",
    "integration_connected",
    "preorder_sms_confirmed",
  ]);

  // Step 5 waits for a real delivered alert; the Overview now points there.
  await expect(step(page, 5)).toHaveCount(0);
  await page.screenshot({ path: "test-results/setup-walk.png", fullPage: true });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page.getByText(/Setup appears incomplete: 4 of 5 steps/).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Continue: Test your setup" })).toHaveAttribute(
    "href",
    `/shops/${account.shopId}/postscript#step-test`,
  );
  await page.screenshot({ path: "test-results/setup-overview.png", fullPage: true });
});

test("a keyword deleted in Postscript shows as a problem, not as done", async ({ page }) => {
  const account = await createMerchantAccount({ plan: "PAID" });
  const key = `sk_sandbox_gone_${randomBytes(6).toString("hex")}`;
  await signIn(page, account);
  await page.goto(`/shops/${account.shopId}/postscript`);
  await pasteKey(page, key);
  await page.getByRole("combobox", { name: "Postscript keyword" }).click();
  await page.getByRole("option", { name: "VIP" }).click();
  await expect(step(page, 3)).toBeVisible();

  const [row] = await query<{ keywordId: string }>(
    `SELECT "keywordId" FROM "Integration" WHERE provider = 'POSTSCRIPT' AND "shopId" = $1`,
    [account.shopId],
  );
  const res = await fetch(`http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}/sandbox/keywords/${row!.keywordId}`, {
    method: "DELETE",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apiKey: key }),
  });
  expect(res.ok).toBe(true);
  // Page views read the stored listing (they never call Postscript); Refresh asks Postscript again.
  await page.reload();
  // A click before the reloaded page hydrates does nothing (as for a person, who clicks again): retried until seen.
  await expect(async () => {
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(page.getByText(/The keyword VIP no longer exists in Postscript/)).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
  await expect(step(page, 3)).toHaveCount(0);
});

test("an account with no keywords is told to create one in Postscript", async ({ page }) => {
  const account = await createMerchantAccount({ plan: "PAID" });
  await signIn(page, account);
  await page.goto(`/shops/${account.shopId}/postscript`);
  await pasteKey(page, `sk_sandbox_nokeywords_${randomBytes(6).toString("hex")}`);
  await expect(page.getByText(/No keywords found in your Postscript account/)).toBeVisible();
  await expect(page.getByText("Subscribers → Keywords")).toBeVisible();
});
