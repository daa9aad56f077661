import { expect, test } from "@playwright/test";
import { findEvent, sampleProperties } from "../lib/setup/event-catalog";
import { createMerchantAccount, pasteKey, query, sandboxInbox, signIn, signInSupportAgent } from "./support/app";

const key = "sk_sandbox_e2e_order_editing_c9d1";

test("a merchant registers the Order Editing Saved trigger and confirms its flow", async ({ page, context }) => {
  const account = await createMerchantAccount();
  // Hydration mismatches (dates rendered on the server and in the browser) surface as console errors.
  const browserErrors: string[] = [];
  page.on("pageerror", (error) => browserErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") browserErrors.push(message.text());
  });
  await signIn(page, account);

  // Before connecting, the rows explain why nothing can be sent yet.
  await page.goto(`/shops/${account.shopId}/order-editing`);
  await expect(page.getByRole("heading", { name: "Order editing", level: 1 })).toBeVisible();
  await expect(page.getByText("Connect and verify your Postscript key first")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send test event for Order Editing Saved" })).toBeDisabled();
  await page.screenshot({ path: "test-results/order-editing-not-connected.png", fullPage: true });
  await page.getByRole("link", { name: "Go to Postscript setup" }).click();

  await expect(page.getByRole("heading", { name: "Postscript setup", level: 1 })).toBeVisible();
  await pasteKey(page, key);
  await expect(page.getByTestId("postscript-status")).toHaveAttribute("data-status", "connected");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Order editing" }).click();
  await expect(page.getByRole("heading", { name: "Integration Connected" })).toBeVisible();
  const row = page.getByRole("listitem", { name: "Order Editing Saved" });
  await expect(row.getByRole("img", { name: "Order Editing Saved is not set up yet" })).toBeVisible();
  await expect(row.getByText("order_editing_saved", { exact: true })).toBeVisible();

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await row.getByRole("button", { name: "Copy event name order_editing_saved" }).click();
  await expect(row.getByRole("button", { name: "Copy event name order_editing_saved" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("order_editing_saved");

  await row.getByText("Event properties (merge tags)").click();
  await expect(row.getByRole("cell", { name: "{{ changes_summary }}" })).toBeVisible();

  await row.getByRole("button", { name: "Send test event for Order Editing Saved" }).click();
  await expect(
    row.getByText("Accepted by Postscript: the trigger order_editing_saved is now available in Create Automation."),
  ).toBeVisible();
  await expect(row.getByText(/^Last test accepted/)).toBeVisible();
  const events = await sandboxInbox(key.slice(-4), "order_editing_saved");
  expect(events).toHaveLength(1);
  expect(events[0]!.properties).toEqual(sampleProperties(findEvent("order_editing_saved")!));

  await row.getByRole("button", { name: "I've created the Flow for Order Editing Saved" }).click();
  await expect(row.getByText(/^Confirmed by E2E Merchant/)).toBeVisible();
  await expect(row.getByRole("img", { name: "Order Editing Saved is set up" })).toBeVisible();
  await expect(page.getByText("1 of 6 set up.")).toBeVisible();
  expect(await query(`SELECT "eventType" FROM "FlowConfirmation" WHERE "shopId" = $1`, [account.shopId])).toEqual([
    { eventType: "order_editing_saved" },
  ]);
  await page.screenshot({ path: "test-results/order-editing-flow-confirmed.png", fullPage: true });
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/order-editing-row.png" });

  // The checkmark survives a reload (it comes from data), and Undo takes it away again.
  await page.reload();
  await expect(row.getByRole("img", { name: "Order Editing Saved is set up" })).toBeVisible();
  await row.getByRole("button", { name: "Undo: mark the Flow for Order Editing Saved as not created" }).click();
  await expect(row.getByRole("img", { name: "Order Editing Saved is not set up yet" })).toBeVisible();
  await expect(row.getByRole("button", { name: "I've created the Flow for Order Editing Saved" })).toBeVisible();
  expect(browserErrors).toEqual([]);
});

test("a support agent sees the rows read-only", async ({ page }) => {
  const account = await createMerchantAccount();
  await signInSupportAgent(page);
  await page.goto(`/shops/${account.shopId}/order-editing`);
  await expect(
    page.getByText("Read-only: only the shop's staff can send test events and confirm flows."),
  ).toBeVisible();
  for (const name of [
    "Order Editing Started",
    "Order Editing Saved",
    "Upsell Recommendations",
    "Upsell Offers Available",
    "Order Editing Abandoned",
    "Order Editing Deadline Approaching",
  ]) {
    await expect(page.getByRole("button", { name: `Send test event for ${name}` })).toBeDisabled();
    await expect(page.getByRole("button", { name: `I've created the Flow for ${name}` })).toBeDisabled();
  }
  await expect(page.getByRole("button", { name: "Copy event name order_editing_saved" })).toBeEnabled();
});
