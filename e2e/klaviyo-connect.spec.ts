import { expect, test, type Page } from "@playwright/test";
import { DEMO_SHOPS } from "../lib/db/seed-demo";
import { DEMO_LOGINS, query, sandboxFaults, shopId, signIn, signInSupportAgent } from "./support/app";
import { klaviyoIntegration, pasteKlaviyoKey, sandboxKlaviyoEvents } from "./support/klaviyo";

test.describe.configure({ mode: "serial" });

const validKey = "pk_sandbox_e2e_klaviyo_5c1e";
let northwind: string;

test.beforeAll(async () => {
  northwind = await shopId(DEMO_SHOPS.northwindOutfitters.domain);
});
test.afterEach(async () => {
  await sandboxFaults(validKey, { down: false });
});

async function openIntegrations(page: Page) {
  await signIn(page, DEMO_LOGINS.maya);
  const nav = page.getByRole("navigation", { name: "Main" });
  // Integrations sits right after Overview in the sidebar.
  await expect(nav.getByRole("link").nth(1)).toHaveText("Integrations");
  await nav.getByRole("link", { name: "Integrations" }).click();
  await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
}

test("the Integrations page lists Postscript and Klaviyo, Klaviyo not connected yet", async ({ page }) => {
  // Northwind's Postscript connection depends on which specs ran before (connect-postscript connects it).
  const [postscript] = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Integration" WHERE provider = 'POSTSCRIPT' AND "shopId" = $1 AND "encryptedKey" IS NOT NULL`,
    [northwind],
  );
  await openIntegrations(page);
  const link = postscript!.n ? "Manage Postscript" : "Connect Postscript";
  await expect(page.getByTestId("postscript-status")).toHaveAttribute(
    "data-status",
    postscript!.n ? /^(connected|disabled|not_complete)$/ : "not_configured",
  );
  await expect(page.getByRole("link", { name: link })).toHaveAttribute(
    "href",
    `/shops/${northwind}/postscript#step-connect`,
  );
  await expect(page.getByTestId("klaviyo-status")).toHaveAttribute("data-status", "not_configured");
  await expect(page.getByTestId("klaviyo-status")).toContainText("Not connected");
  await page.screenshot({ path: "test-results/klaviyo-integrations-empty.png", fullPage: true });
});

test("a wrong key shows the specific error and saves nothing", async ({ page, request }) => {
  await openIntegrations(page);
  await pasteKlaviyoKey(page, "AbC123");
  await expect(
    page.getByRole("alert").filter({ hasText: "That is your Klaviyo Public API Key (the 6-character site ID)" }),
  ).toBeVisible();
  await expect(page.getByLabel(/Klaviyo Private API Key/)).toHaveAttribute("aria-invalid", "true");

  await pasteKlaviyoKey(page, "pk_live_typo_in_the_key_0000");
  await expect(page.getByRole("alert").filter({ hasText: /^Klaviyo did not accept this key\./ })).toBeVisible();
  await expect(page.getByTestId("klaviyo-status")).toHaveAttribute("data-status", "not_configured");
  await page.screenshot({ path: "test-results/klaviyo-wrong-key.png", fullPage: true });
  expect(await klaviyoIntegration(northwind)).toEqual([]);
  expect(await sandboxKlaviyoEvents(request)).toEqual([]);
});

test("a sandbox key connects, shows only its last 4, and never reaches the browser", async ({ page, request }) => {
  const bodies: string[] = [];
  page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (/html|javascript|json|x-component|text\/plain|css/.test(type))
      bodies.push(await response.text().catch(() => ""));
  });
  await openIntegrations(page);
  await pasteKlaviyoKey(page, validKey);
  await expect(
    page.getByText(`Connected to Klaviyo sandbox store 5c1e. Your key ending in 5c1e is verified.`),
  ).toBeVisible();
  await expect(page.getByTestId("klaviyo-status")).toHaveAttribute("data-status", "connected");
  await expect(page.getByTestId("klaviyo-key-last4")).toHaveText("•••• •••• 5c1e");
  await expect(page.getByLabel(/Klaviyo Private API Key/)).toHaveCount(0);
  await page.screenshot({ path: "test-results/klaviyo-connected.png", fullPage: true });

  // Reload and visit other pages, then look for the key in everything the browser received.
  await page.reload();
  await expect(page.getByTestId("klaviyo-status")).toHaveAttribute("data-status", "connected");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Overview", "Settings", "Integrations"]) {
    await nav.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  }
  expect(bodies.length).toBeGreaterThan(10);
  for (const body of bodies) expect(body).not.toContain(validKey);
  expect(await page.content()).not.toContain(validKey);

  const [row] = await klaviyoIntegration(northwind);
  expect(row).toMatchObject({
    keyLast4: "5c1e",
    verification: "VERIFIED",
    enabled: true,
    accountName: "Klaviyo sandbox store 5c1e",
  });
  expect(row!.encryptedKey).not.toContain(validKey);
  // Connecting sends nothing to Klaviyo: only strategies and settings that select it do.
  expect(await sandboxKlaviyoEvents(request, { keyLast4: "5c1e" })).toEqual([]);
});

test("a support agent sees the connection read-only", async ({ page }) => {
  await signInSupportAgent(page);
  await page.goto(`/shops/${northwind}/integrations`);
  await expect(page.getByTestId("klaviyo-status")).toHaveAttribute("data-status", "connected");
  await expect(page.getByTestId("klaviyo-key-last4")).toHaveText("•••• •••• 5c1e");
  await expect(page.getByText("Read-only: only the shop's staff can change the Klaviyo connection.")).toBeVisible();
  for (const name of ["Save & verify", "Verify again", "Disconnect"])
    await expect(page.getByRole("button", { name })).toHaveCount(0);
});

test("verify again, disable, enable and disconnect work from the keyboard", async ({ page }) => {
  await openIntegrations(page);
  await sandboxFaults(validKey, { down: true });
  await page.getByRole("button", { name: "Verify again" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("klaviyo-status")).toHaveAttribute("data-status", "unverified");
  await expect(
    page.getByRole("alert").filter({ hasText: /Key saved but Klaviyo could not be reached to verify it/ }),
  ).toBeVisible();
  await page.screenshot({ path: "test-results/klaviyo-unverified.png", fullPage: true });

  await sandboxFaults(validKey, { down: false });
  await page.getByRole("button", { name: "Verify again" }).press("Enter");
  await expect(page.getByTestId("klaviyo-status")).toHaveAttribute("data-status", "connected");

  await page.getByRole("button", { name: "Disable Klaviyo" }).press("Space");
  await expect(page.getByTestId("klaviyo-status")).toHaveAttribute("data-status", "disabled");
  expect(await klaviyoIntegration(northwind)).toMatchObject([{ keyLast4: "5c1e", enabled: false }]);
  await page.getByRole("button", { name: "Enable Klaviyo" }).press("Space");
  await expect(page.getByTestId("klaviyo-status")).toHaveAttribute("data-status", "connected");

  await page.getByRole("button", { name: "Disconnect" }).press("Enter");
  // Focus moves to Cancel, so Enter right away changes nothing.
  await expect(
    page.getByRole("group", { name: "Confirm disconnect" }).getByRole("button", { name: "Cancel" }),
  ).toBeFocused();
  await page.screenshot({ path: "test-results/klaviyo-confirm-disconnect.png", fullPage: true });
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("klaviyo-status")).toHaveAttribute("data-status", "connected");
  await page.getByRole("button", { name: "Disconnect" }).click();
  await page.getByRole("button", { name: "Yes, disconnect" }).click();
  await expect(page.getByText("Disconnected: the key was deleted from Signalboard.")).toBeVisible();
  await expect(page.getByTestId("klaviyo-status")).toHaveAttribute("data-status", "not_configured");
  expect(await klaviyoIntegration(northwind)).toMatchObject([{ keyLast4: null, encryptedKey: null }]);
});
