import { expect, test, type Page } from "@playwright/test";
import { DEMO_MERCHANT, DEMO_SHOPS } from "../lib/db/seed-demo";
import { DEMO_LOGINS, pasteKey, query, sandboxFaults, sandboxInbox, shopId, signIn } from "./support/app";

test.describe.configure({ mode: "serial" });

const validKey = "sk_sandbox_e2e_connect_7a3f";
let northwind: string;

test.beforeAll(async () => {
  northwind = await shopId(DEMO_SHOPS.northwindOutfitters.domain);
});
const outageKey = "sk_sandbox_e2e_outage_41b2";
test.afterEach(async () => {
  await sandboxFaults(outageKey, { down: false });
});

const integration = () =>
  query<{ keyLast4: string | null; encryptedKey: string | null; verification: string; enabled: boolean }>(
    `SELECT "keyLast4", "encryptedKey", verification, enabled FROM "Integration" WHERE provider = 'POSTSCRIPT' AND "shopId" = $1`,
    [northwind],
  );

async function openSetup(page: Page) {
  await signIn(page, DEMO_LOGINS.maya);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Postscript setup" }).click();
  await expect(page.getByRole("heading", { name: "Postscript setup", level: 1 })).toBeVisible();
}

test("merchants have no password: the password form refuses them, and Shopify's session token lets them in", async ({
  page,
}) => {
  await page.goto("/shops/" + northwind);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByText("Signalboard support agents").click();
  await page.getByLabel("Email").fill(DEMO_MERCHANT.email);
  // The password the demo merchant had before sign-in moved to Shopify.
  await page.getByLabel("Password").fill("demo-merchant-pass");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password don't match an account.")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveValue("");
  await signIn(page, DEMO_LOGINS.maya);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByText("Paid plan")).toBeVisible();
  await expect(page.getByTestId("postscript-status")).toHaveAttribute("data-status", "not_configured");
});

test("a wrong key shows what to do and saves nothing", async ({ page }) => {
  await openSetup(page);
  await pasteKey(page, "sk_live_typo_in_the_key_0000");
  await expect(page.getByText(/^Invalid Postscript API key\./)).toBeVisible();
  await expect(page.getByTestId("postscript-status")).toContainText("API key not configured");
  expect(await integration()).toEqual([]);
});

test("a valid key connects, shows only its last 4, and never reaches the browser", async ({ page }) => {
  const bodies: string[] = [];
  page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (/html|javascript|json|x-component|text\/plain|css/.test(type))
      bodies.push(await response.text().catch(() => ""));
  });
  await openSetup(page);
  await pasteKey(page, validKey);
  await expect(page.getByText(`Your key ending in ${validKey.slice(-4)} is verified.`)).toBeVisible();
  await expect(page.getByTestId("postscript-status")).toHaveAttribute("data-status", "connected");
  await expect(page.getByRole("img", { name: "Step 2 complete" })).toBeVisible();
  await expect(page.getByTestId("key-last4")).toHaveText(`•••• •••• ${validKey.slice(-4)}`);
  await expect(page.getByRole("heading", { name: "Integration Connected" })).toBeVisible();
  await page.screenshot({ path: "test-results/connected.png", fullPage: true });

  // Reload and visit every page once more, then look for the key in everything the browser received.
  await page.reload();
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Overview", "Settings", "Activity"]) {
    await nav.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  }
  await expect(page.getByRole("cell", { name: "integration_connected" })).toBeVisible();
  expect(bodies.length).toBeGreaterThan(10);
  for (const body of bodies) expect(body).not.toContain(validKey);
  expect(await page.content()).not.toContain(validKey);

  const [row] = await integration();
  expect(row).toMatchObject({ keyLast4: validKey.slice(-4), verification: "VERIFIED", enabled: true });
  expect(row!.encryptedKey).not.toContain(validKey);
  expect(await sandboxInbox(validKey.slice(-4), "integration_connected")).toHaveLength(1);
});

test("with Postscript down a replacement key is kept but marked unverified, then verifies", async ({ page }) => {
  await openSetup(page);
  await sandboxFaults(outageKey, { down: true });
  await page.getByRole("button", { name: "Replace key" }).click();
  await pasteKey(page, outageKey);
  await expect(page.getByText(/API key saved but connection could not be verified/).first()).toBeVisible();
  await expect(page.getByTestId("postscript-status")).toHaveAttribute("data-status", "not_complete");
  await expect(page.getByTestId("postscript-status")).toContainText("Integration not complete");
  expect(await integration()).toMatchObject([{ keyLast4: "41b2", verification: "UNVERIFIED" }]);
  await page.screenshot({ path: "test-results/unverified.png", fullPage: true });

  await sandboxFaults(outageKey, { down: false });
  await page.getByRole("button", { name: "Verify again" }).click();
  await expect(page.getByTestId("postscript-status")).toHaveAttribute("data-status", "connected");
  expect(await integration()).toMatchObject([{ keyLast4: "41b2", verification: "VERIFIED" }]);
});

test("disabling shows Integration disabled and keeps the key", async ({ page }) => {
  await openSetup(page);
  await page.getByRole("button", { name: "Disable integration" }).click();
  await expect(page.getByTestId("postscript-status")).toHaveAttribute("data-status", "disabled");
  await expect(page.getByTestId("postscript-status")).toContainText("Integration disabled");
  expect(await integration()).toMatchObject([{ keyLast4: "41b2", enabled: false }]);
  await page.getByRole("button", { name: "Enable integration" }).click();
  await expect(page.getByTestId("postscript-status")).toHaveAttribute("data-status", "connected");
});
