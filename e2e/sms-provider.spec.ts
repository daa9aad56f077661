import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createMerchantAccount, pasteKey, query, signIn, signInSupportAgent } from "./support/app";

const providerGroup = (page: Page) => page.getByRole("group", { name: "Send SMS through" });

async function chooseProvider(page: Page, label: "Built-in SMS" | "Klaviyo" | "Postscript") {
  // The radios stay disabled until the page is hydrated, so check() waits for a click that saves.
  await providerGroup(page).getByRole("radio", { name: label, exact: true }).check();
  await expect(page.getByRole("status").filter({ hasText: `now go through ${label}.` })).toBeVisible();
}

const smsSettings = (shopId: string) =>
  query<{ provider: string; backInStockTemplate: string; reminderTemplate: string; preorderTemplate: string }>(
    `SELECT provider, "backInStockTemplate", "reminderTemplate", "preorderTemplate" FROM "SmsSettings" WHERE "shopId" = $1`,
    [shopId],
  );

// The connection itself: key, state, history. Not the keyword listing cache, which page views refresh in the background.
const integration = (shopId: string) =>
  query(
    `SELECT id, "encryptedKey", "keyLast4", enabled, verification, "lastVerifiedAt", "lastError", "accountName",
            "firstConnectedAt", "rateLimitPerSecond", "keywordId", "keywordName", "encryptedWebhookToken", "webhookIds"
       FROM "Integration" WHERE provider = 'POSTSCRIPT' AND "shopId" = $1`,
    [shopId],
  );

test("switching to Klaviyo and back to Postscript keeps the Postscript connection, and built-in text persists", async ({
  page,
}) => {
  const account = await createMerchantAccount({ plan: "PAID" });
  const key = `sk_sandbox_${randomBytes(8).toString("hex")}`;
  await signIn(page, account);

  await page.goto(`/shops/${account.shopId}/postscript`);
  await pasteKey(page, key);
  await expect(page.getByTestId("postscript-status")).toHaveAttribute("data-status", "connected");
  await expect(page.getByTestId("key-last4")).toHaveText(`•••• •••• ${key.slice(-4)}`);
  const connected = await integration(account.shopId);

  await page.goto(`/shops/${account.shopId}/back-in-stock`);
  await expect(page.getByRole("heading", { name: "Back in stock", level: 1 })).toBeVisible();
  await expect(providerGroup(page).getByRole("radio", { name: "Built-in SMS" })).toBeChecked();
  await expect(page.getByRole("heading", { name: "No waitlist signups yet" })).toBeVisible();
  await page.screenshot({ path: "test-results/sms-provider-built-in.png", fullPage: true });

  await chooseProvider(page, "Postscript");
  const alert = page.getByTestId("sms-template-backInStock");
  await expect(alert.getByText("Content is managed in Postscript's flow builder.")).toBeVisible();
  await expect(alert.getByRole("link", { name: /Set up the flow in Postscript setup/ })).toHaveAttribute(
    "href",
    `/shops/${account.shopId}/postscript#flows`,
  );
  await expect(alert.getByRole("textbox")).toHaveCount(0);
  await page.screenshot({ path: "test-results/sms-provider-postscript.png", fullPage: true });

  await chooseProvider(page, "Klaviyo");
  await expect(alert.getByText("Content is managed in your Klaviyo flows.")).toBeVisible();
  await page.screenshot({ path: "test-results/sms-provider-klaviyo.png", fullPage: true });
  expect(await smsSettings(account.shopId)).toMatchObject([{ provider: "KLAVIYO" }]);

  await chooseProvider(page, "Postscript");
  // One setting for both features: Preorders shows the same choice.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Preorders" }).click();
  await expect(providerGroup(page).getByRole("radio", { name: "Postscript" })).toBeChecked();
  await expect(
    page.getByTestId("sms-template-preorder").getByText("Content is managed in Postscript's flow builder."),
  ).toBeVisible();

  await page.goto(`/shops/${account.shopId}/postscript`);
  await expect(page.getByTestId("postscript-status")).toHaveAttribute("data-status", "connected");
  await expect(page.getByTestId("key-last4")).toHaveText(`•••• •••• ${key.slice(-4)}`);
  expect(await integration(account.shopId)).toEqual(connected);

  // Back to built-in SMS: edit the alert with a merge tag button, save, and find it after a reload.
  await page.goto(`/shops/${account.shopId}/back-in-stock`);
  await chooseProvider(page, "Built-in SMS");
  const text = alert.getByRole("textbox", { name: "Message text" });
  const saveMessage = alert.getByRole("button", { name: "Save message" });
  await expect(async () => {
    await text.fill("Good news from {{shop_name}}: ");
    await expect(saveMessage).toBeEnabled({ timeout: 1_000 });
  }).toPass();
  await text.press("End");
  await alert.getByRole("button", { name: /^Insert \{\{product_title\}\}/ }).click();
  await text.press("End");
  await text.pressSequentially(" is back ✓");
  const written = "Good news from {{shop_name}}: {{product_title}} is back ✓";
  await expect(text).toHaveValue(written);
  await expect(alert.getByTestId("sms-counts")).toContainText("1 segment, UCS-2");
  await expect(alert.getByTestId("sms-preview")).toHaveText(/^Good news from .+: Trail Runner Jacket is back ✓$/);
  await saveMessage.click();
  await expect(alert.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.screenshot({ path: "test-results/sms-provider-template-saved.png", fullPage: true });

  await page.reload();
  await expect(page.getByTestId("sms-template-backInStock").getByRole("textbox", { name: "Message text" })).toHaveValue(
    written,
  );
  expect(await smsSettings(account.shopId)).toMatchObject([{ provider: "BUILT_IN", backInStockTemplate: written }]);
  expect(await integration(account.shopId)).toEqual(connected);
});

test("an unknown merge tag is named and not saved", async ({ page }) => {
  const account = await createMerchantAccount({ plan: "PAID" });
  await signIn(page, account);
  await page.goto(`/shops/${account.shopId}/preorders`);
  const editor = page.getByTestId("sms-template-preorder");
  const text = editor.getByRole("textbox", { name: "Message text" });
  const saveMessage = editor.getByRole("button", { name: "Save message" });
  await expect(async () => {
    await text.fill("Hi {{first_name}}, order {{order_name}} is confirmed.");
    await expect(saveMessage).toBeEnabled({ timeout: 1_000 });
  }).toPass();
  await saveMessage.click();
  await expect(editor.getByRole("alert")).toHaveText(
    "Unknown merge tag {{first_name}}: use one of the merge tags listed for this message.",
  );
  await expect(text).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: "test-results/sms-provider-unknown-tag.png", fullPage: true });
  expect(await smsSettings(account.shopId)).toEqual([]);
});

test("a free-plan shop sees Postscript disabled with the reason and the way to upgrade", async ({ page }) => {
  const account = await createMerchantAccount({ plan: "FREE" });
  await signIn(page, account);
  await page.goto(`/shops/${account.shopId}/back-in-stock`);
  const group = providerGroup(page);
  const postscript = group.getByRole("radio", { name: "Postscript" });
  await expect(group.getByRole("radio", { name: "Klaviyo" })).toBeEnabled();
  await expect(postscript).toBeDisabled();
  await expect(postscript).toHaveAccessibleDescription(
    /Postscript is available on paid plans\. Upgrade your plan to send SMS through Postscript\./,
  );
  await expect(group.getByRole("link", { name: "Upgrade plan" })).toHaveAttribute(
    "href",
    `/shops/${account.shopId}/settings#plan`,
  );
  await page.screenshot({ path: "test-results/sms-provider-free-plan.png", fullPage: true });

  await chooseProvider(page, "Klaviyo");
  await expect(postscript).toBeDisabled();
  expect(await smsSettings(account.shopId)).toMatchObject([{ provider: "KLAVIYO" }]);
});

test("choosing Postscript before connecting it says what is missing", async ({ page }) => {
  const account = await createMerchantAccount({ plan: "PAID" });
  await signIn(page, account);
  await page.goto(`/shops/${account.shopId}/preorders`);
  await chooseProvider(page, "Postscript");
  const reminder = page.getByTestId("postscript-setup-reminder");
  await expect(reminder).toContainText("Postscript is selected but not ready to send: API key not configured.");
  await expect(reminder.getByRole("link", { name: "Finish Postscript setup →" })).toHaveAttribute(
    "href",
    `/shops/${account.shopId}/postscript`,
  );
  await page.screenshot({ path: "test-results/sms-provider-not-connected.png", fullPage: true });
});

test("a support agent sees the choice and the messages but cannot change them", async ({ page }) => {
  const account = await createMerchantAccount({ plan: "PAID" });
  await signInSupportAgent(page);
  await page.goto(`/shops/${account.shopId}/back-in-stock`);
  for (const name of ["Built-in SMS", "Klaviyo", "Postscript"]) {
    await expect(providerGroup(page).getByRole("radio", { name })).toBeDisabled();
  }
  await expect(page.getByText("Read-only: only the shop's staff can change the SMS provider.")).toBeVisible();
  const text = page.getByTestId("sms-template-backInStock").getByRole("textbox", { name: "Message text" });
  await expect(text).toHaveAttribute("readonly", "");
  await expect(page.getByRole("button", { name: "Save message" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/sms-provider-support-agent.png", fullPage: true });
});
