import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signSessionToken } from "../lib/shopify-standin/sign-session-token";
import { createMerchantAccount, query, shopifyHost, signIn, standinAddStore } from "./support/app";

/*
 * Signalboard as a Shopify app, through the Shopify stand-in: install from the (simulated) admin, open again,
 * a second staff member, "log in with your store", billing, uninstall and reinstall, and what is refused.
 */

const standin = () => `http://127.0.0.1:${process.env.E2E_SHOPIFY_PORT}`;
const apiKey = () => process.env.E2E_SHOPIFY_API_KEY!;
// Shopify's library answers OAuth starts from headless browsers as bots (410); a merchant's browser is not one.
const DESKTOP_CHROME =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

async function newStore(
  options: { installed?: boolean; name?: string; currencyCode?: string; ianaTimezone?: string } = {},
) {
  const handle = `install-${randomBytes(4).toString("hex")}`;
  const base = 60_000_000 + parseInt(handle.slice(-6), 16);
  const store = {
    domain: `${handle}.myshopify.com`,
    name: options.name ?? `Store ${handle}`,
    email: `owner@${handle}.test`,
    currencyCode: options.currencyCode ?? "USD",
    ianaTimezone: options.ianaTimezone ?? "America/New_York",
    installed: options.installed ?? false,
    staff: [
      { id: String(base), email: `owner@${handle}.test`, firstName: "Olive", lastName: "Owner", accountOwner: true },
      { id: String(base + 1), email: `sam@${handle}.test`, firstName: "Sam", lastName: "Staff", accountOwner: false },
    ],
  };
  await standinAddStore(store);
  return { ...store, handle, owner: store.staff[0]!.id, staffMember: store.staff[1]!.id };
}

const adminUrl = (handle: string, as?: string) =>
  `${standin()}/store/${handle}/apps/${apiKey()}${as ? `?as=${as}` : ""}`;
const calls = async (shop: string) =>
  (
    (await (await fetch(`${standin()}/standin/calls?shop=${shop}`)).json()) as {
      calls: { tokenExchange: number; authorizationCode: number };
    }
  ).calls;
const shopRow = async (domain: string) =>
  (
    await query<{
      id: string;
      name: string;
      currency: string;
      timeZone: string;
      plan: string;
      uninstalledAt: Date | null;
    }>(`SELECT id, name, currency, "timeZone", plan, "uninstalledAt" FROM "Shop" WHERE domain = $1`, [domain])
  )[0];

/** The page's own alert (Next adds an empty route announcer with the same role). */
const notice = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ });

async function appFrame(page: Page) {
  const frame = page.frameLocator("#app-frame");
  await expect(frame.getByRole("heading", { name: "Overview" })).toBeVisible({ timeout: 30_000 });
  return frame;
}

test("a merchant installs from the Shopify admin; the app opens embedded with the store's own details, and opens again without a second install", async ({
  page,
}) => {
  const store = await newStore({ name: "Fjord Supply", currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
  await page.goto(adminUrl(store.handle));
  await expect(page.getByText("write_products")).toBeVisible();
  await page.getByRole("button", { name: "Install app" }).click();
  const app = await appFrame(page);
  await expect(app.getByText("Fjord Supply").first()).toBeVisible();
  // Inside the admin the app's pages are in the admin's navigation, not in a sidebar of its own.
  await expect(page.locator("#app-nav").getByRole("link", { name: "Postscript setup" })).toBeVisible();
  await expect(app.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  // A server action's refresh is a fetch, not a framed document load: the page stays embedded after it.
  await page.locator("#app-nav").getByRole("link", { name: "Reports" }).click();
  await app.getByLabel("Attribution window (days)").fill("10");
  await app.getByRole("button", { name: "Save window" }).click();
  await expect(app.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.locator("#app-nav").getByRole("link", { name: "Postscript setup" })).toBeVisible();
  await expect(app.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(app.getByRole("button", { name: "Sign out" })).toHaveCount(0);

  const shop = await shopRow(store.domain);
  expect(shop).toMatchObject({
    name: "Fjord Supply",
    currency: "EUR",
    timeZone: "Europe/Berlin",
    plan: "FREE",
    uninstalledAt: null,
  });
  const [token] = await query<{
    encryptedAccessToken: string;
    accessTokenExpiresAt: Date | null;
    encryptedRefreshToken: string | null;
  }>(
    `SELECT "encryptedAccessToken", "accessTokenExpiresAt", "encryptedRefreshToken" FROM "ShopifyToken" WHERE "shopId" = $1`,
    [shop!.id],
  );
  expect(token!.encryptedAccessToken).toMatch(/^v1\./);
  expect(token!.encryptedRefreshToken).toMatch(/^v1\./);
  expect(token!.accessTokenExpiresAt).not.toBeNull();
  expect(
    await query(`SELECT role FROM "Membership" WHERE "shopId" = $1 AND "shopifyUserId" = $2`, [shop!.id, store.owner]),
  ).toEqual([{ role: "OWNER" }]);

  const before = await calls(store.domain);
  await page.goto(adminUrl(store.handle));
  await appFrame(page);
  expect((await calls(store.domain)).tokenExchange).toBe(before.tokenExchange);
  expect(await query(`SELECT id FROM "Shop" WHERE domain = $1`, [store.domain])).toHaveLength(1);

  // A second staff member of the same store gets in as staff, with an account of their own.
  await page.goto(adminUrl(store.handle, store.staffMember));
  const asSam = await appFrame(page);
  await expect(asSam.getByText("sam@").first()).toBeVisible();
  expect(
    await query(`SELECT role FROM "Membership" WHERE "shopId" = $1 AND "shopifyUserId" = $2`, [
      shop!.id,
      store.staffMember,
    ]),
  ).toEqual([{ role: "STAFF" }]);
});

test.describe("outside the admin", () => {
  test.use({ userAgent: DESKTOP_CHROME });

  test("log in with the store's domain: Shopify's OAuth installs the app, then signs the staff member in", async ({
    page,
  }) => {
    const store = await newStore({ name: "Harbor Tea" });
    await page.goto("/sign-in");
    await page.getByLabel("Your Shopify store").fill(store.handle);
    await page.getByRole("button", { name: "Log in with Shopify" }).click();
    await expect(page.getByRole("heading", { name: /Install Signalboard on Harbor Tea/ })).toBeVisible();
    await page.getByRole("button", { name: "Install" }).click();
    // Installed (offline grant); Shopify asks once more for the staff member's own sign-in (per-user grant).
    await expect(page.getByRole("heading", { name: /Install Signalboard on Harbor Tea/ })).toBeVisible();
    await page.getByRole("button", { name: "Install" }).click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(page.getByText("Harbor Tea").first()).toBeVisible();
    expect(await shopRow(store.domain)).toMatchObject({ name: "Harbor Tea", uninstalledAt: null });
  });

  test("a store address that cannot be a Shopify store is explained on the form", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Your Shopify store").fill("shop.example.com");
    await page.getByRole("button", { name: "Log in with Shopify" }).click();
    await expect(notice(page)).toHaveText(/That is not a Shopify store address/);
  });

  test("a merchant upgrades to Paid on Shopify's confirmation page and downgrades again", async ({ page }) => {
    const account = await createMerchantAccount({ plan: "FREE", shopName: "Upgrade Goods" });
    await signIn(page, account);
    await page.goto(`/shops/${account.shopId}/settings`);
    await expect(page.getByRole("banner").getByText("Free plan")).toBeVisible();
    await page.getByRole("button", { name: "Upgrade to Signalboard Paid" }).click();
    await expect(page.getByRole("heading", { name: "Approve subscription" })).toBeVisible();
    await page.getByRole("button", { name: "Approve" }).click();
    // Shopify returns the merchant to the app inside the admin, whose load re-reads the plan.
    const app = await appFrame(page);
    await expect(app.getByRole("banner").getByText("Paid plan")).toBeVisible();
    expect(await shopRow(account.shopDomain)).toMatchObject({ plan: "PAID" });

    await page.goto(`/shops/${account.shopId}/settings`);
    await page.getByRole("button", { name: "Switch to Free" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Switch to Free" }).click();
    await expect(page.getByRole("banner").getByText("Free plan")).toBeVisible();
    expect(await shopRow(account.shopDomain)).toMatchObject({ plan: "FREE" });
  });
});

test("uninstalling from the admin stops the shop at once; reinstalling restores it with its data", async ({ page }) => {
  const store = await newStore();
  await page.goto(adminUrl(store.handle));
  await page.getByRole("button", { name: "Install app" }).click();
  await appFrame(page);
  const shop = (await shopRow(store.domain))!;
  await query(
    `INSERT INTO "AuditLog" (id, "shopId", "actorType", action, metadata) VALUES ($1, $2, 'SYSTEM', 'e2e.marker', '{}')`,
    [`audit_${store.handle}`, shop.id],
  );

  await page.getByRole("button", { name: "Uninstall app" }).click();
  await expect.poll(async () => (await shopRow(store.domain))?.uninstalledAt ?? null).not.toBeNull();
  expect(await query(`SELECT 1 FROM "ShopifyToken" WHERE "shopId" = $1 AND "revokedAt" IS NULL`, [shop.id])).toEqual(
    [],
  );

  await page.getByRole("button", { name: "Install app" }).click();
  await appFrame(page);
  expect(await shopRow(store.domain)).toMatchObject({ id: shop.id, uninstalledAt: null });
  expect(await query(`SELECT 1 FROM "AuditLog" WHERE id = $1`, [`audit_${store.handle}`])).toHaveLength(1);
});

test("refused with a clear message and nothing created: a forged or expired session token, and Shopify down during install", async ({
  page,
}) => {
  const store = await newStore({ installed: true });
  const open = (token: string) =>
    page.goto(
      `/?${new URLSearchParams({ embedded: "1", shop: store.domain, host: shopifyHost(store.domain), id_token: token })}`,
    );

  await open(
    await signSessionToken({
      apiKey: apiKey(),
      apiSecret: "not-the-app-secret",
      shop: store.domain,
      userId: store.owner,
    }),
  );
  await expect(notice(page)).toContainText("signature");
  await open(
    await signSessionToken({
      apiKey: apiKey(),
      apiSecret: process.env.E2E_SHOPIFY_API_SECRET!,
      shop: store.domain,
      userId: store.owner,
      expiresIn: -120,
      notBefore: -180,
    }),
  );
  await expect(notice(page)).toContainText("expired");
  await open(
    await signSessionToken({
      apiKey: "another-app",
      apiSecret: process.env.E2E_SHOPIFY_API_SECRET!,
      shop: store.domain,
      userId: store.owner,
    }),
  );
  await expect(notice(page)).toContainText("another app");

  await fetch(`${standin()}/standin/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ down: true, shop: store.domain }),
  });
  try {
    await open(
      await signSessionToken({
        apiKey: apiKey(),
        apiSecret: process.env.E2E_SHOPIFY_API_SECRET!,
        shop: store.domain,
        userId: store.owner,
      }),
    );
    await expect(notice(page)).toContainText("Shopify did not answer");
  } finally {
    await fetch(`${standin()}/standin/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ down: false, shop: store.domain }),
    });
  }
  expect(await shopRow(store.domain)).toBeUndefined();
  expect(await query(`SELECT 1 FROM "User" WHERE email = $1`, [store.email])).toEqual([]);
});

test("only the shop's own admin may frame its dashboard; nothing frames sign-in or the support console", async ({
  page,
}) => {
  const account = await createMerchantAccount({ plan: "PAID" });
  await signIn(page, account);
  const dashboard = await page.request.get(`/shops/${account.shopId}?shop=${account.shopDomain}`);
  const framing = /frame-ancestors ([^;]+)/.exec(dashboard.headers()["content-security-policy"] ?? "")?.[1];
  expect(framing?.split(" ")).toEqual([
    `https://${account.shopDomain}`,
    "https://admin.shopify.com",
    new URL(standin()).origin,
  ]);
  await page.context().clearCookies();
  for (const path of ["/sign-in", "/support"]) {
    const answer = await page.request.get(path, { maxRedirects: 0 });
    expect(answer.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(answer.headers()["x-frame-options"]).toBe("DENY");
  }
});
