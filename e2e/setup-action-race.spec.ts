import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createMerchantAccount, sandboxInbox, setUpPostscript, signIn } from "./support/app";

const accepted = (type: string) => `Accepted by Postscript: the trigger ${type} is now available in Create Automation.`;

// The setup page's known race: a click on another row's "Send test event" while the first row's refresh was in
// flight could be lost. useAction holds the second action until that refresh has committed; this spec pins that
// behaviour with a refresh slowed to 4 s. (It also passes on the code before useAction: the original loss was not
// reproduced on demand, so this shows the click is kept, not that the old loss is gone.)
test("a click on another row while the page refreshes is run once, not lost", async ({ page }) => {
  const account = await createMerchantAccount({ plan: "PAID" });
  const key = `sk_sandbox_race_${randomBytes(6).toString("hex")}`;
  await signIn(page, account);
  await setUpPostscript(page, account.shopId, key);

  // Every page refresh (an RSC GET of this page) takes 4 s, so the second click surely lands during one, even when
  // a busy machine (another spec beside this one) takes a second or more to perform the click.
  let refreshesInFlight = 0;
  await page.route(`**/shops/${account.shopId}/postscript*`, async (route) => {
    const request = route.request();
    if (request.method() !== "GET" || request.headers()["rsc"] !== "1") return route.continue();
    refreshesInFlight += 1;
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    refreshesInFlight -= 1;
    await route.continue().catch(() => undefined);
  });

  const first = page.getByRole("button", { name: "Send test event for Back in stock SMS" });
  const second = page.getByRole("button", { name: "Send test event for Preorder SMS" });
  await first.click();
  await expect(page.getByText(accepted("back_in_stock_sms_alert"))).toBeVisible();
  await expect.poll(() => refreshesInFlight, { timeout: 5_000 }).toBeGreaterThan(0);

  await second.click();
  expect(refreshesInFlight).toBeGreaterThan(0);
  // The click is taken at once (the button shows it is working), then answered without a second click.
  await expect(second).toHaveAttribute("aria-busy", "true");
  await expect(page.getByText(accepted("preorder_sms_confirmed"))).toBeVisible({ timeout: 15_000 });
  await expect(second).not.toHaveAttribute("aria-busy", "true", { timeout: 15_000 });
  // The refreshed row shows the test as recorded by the server, not only the notice.
  await expect(page.locator("#flow-preorder_sms_confirmed").getByText(/^Last test accepted/)).toBeVisible({
    timeout: 15_000,
  });

  expect(await sandboxInbox(key.slice(-4), "preorder_sms_confirmed")).toHaveLength(1);
  expect(await sandboxInbox(key.slice(-4), "back_in_stock_sms_alert")).toHaveLength(1);
  await page.screenshot({ path: "test-results/setup-action-race.png", fullPage: true });
});
