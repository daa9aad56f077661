import { expect, test } from "@playwright/test";
import { createMerchantAccount, query, signIn } from "./support/app";

// The catalog card and the attribution window form run their actions through useAction; no other spec drives them.

test("the catalog card saves a location's choice, goes back to Shopify's setting, and starts a sync", async ({
  page,
}) => {
  const account = await createMerchantAccount();
  await query(
    `INSERT INTO "Location" (id, "shopId", "shopifyLocationId", name, "fulfillsOnlineOrders", "updatedAt")
     VALUES ($1, $2, 'gid://shopify/Location/990001', 'Back Room', false, now())`,
    [`loc_${account.shopId}`, account.shopId],
  );
  const sellsOnline = async () =>
    (
      await query<{ sellsOnline: boolean | null }>(`SELECT "sellsOnline" FROM "Location" WHERE "shopId" = $1`, [
        account.shopId,
      ])
    )[0]!.sellsOnline;
  await signIn(page, account);
  await page.goto(`/shops/${account.shopId}/settings`);
  const card = page.getByTestId("catalog-sync");
  const box = card.getByRole("checkbox", { name: "Back Room" });
  await expect(box).not.toBeChecked();

  await box.click();
  // Checked only once the server has saved it and the card has re-read its view.
  await expect(box).toBeChecked();
  await expect(box).toBeEnabled();
  expect(await sellsOnline()).toBe(true);

  await card.getByRole("button", { name: "use Shopify's setting" }).click();
  await expect(box).not.toBeChecked();
  await expect(card.getByRole("button", { name: "use Shopify's setting" })).toHaveCount(0);
  expect(await sellsOnline()).toBeNull();

  await card.getByRole("button", { name: "Sync catalog now" }).click();
  await expect(card.getByTestId("catalog-sync-status")).not.toHaveText(/has not been read/);
  await expect(card.getByRole("alert")).toHaveCount(0);
});

test("the attribution window saves, names a refused value, and says so when the server cannot be reached", async ({
  page,
}) => {
  const account = await createMerchantAccount();
  const days = async () =>
    (
      await query<{ days: number }>(
        `SELECT "attributionWindowDays" AS days FROM "ReportSettings" WHERE "shopId" = $1`,
        [account.shopId],
      )
    )[0]?.days;
  await signIn(page, account);
  await page.goto(`/shops/${account.shopId}/reports`);
  const input = page.getByLabel("Attribution window (days)");
  const save = page.getByRole("button", { name: "Save window" });

  await input.fill("12");
  await save.click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  expect(await days()).toBe(12);

  // The browser's own min/max check would stop the form first; the server's refusal is what is shown here.
  await page.locator("form:has(#attribution-window)").evaluate((form) => {
    (form as HTMLFormElement).noValidate = true;
  });
  await input.fill("99");
  await save.click();
  await expect(page.getByRole("alert").filter({ hasText: "The window can be at most 30 days." })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toHaveCount(0);
  expect(await days()).toBe(12);

  // A server action is a POST to the page's own URL: dropping it is the server being unreachable.
  await page.route(`**/shops/${account.shopId}/reports**`, (route) =>
    route.request().method() === "POST" ? route.abort() : route.continue(),
  );
  await input.fill("5");
  await save.click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Could not save. Check your connection and try again." }),
  ).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "at most 30" })).toHaveCount(0);
  expect(await days()).toBe(12);
});
