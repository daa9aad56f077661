import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO_SHOPS, DEMO_SUPPORT_AGENT } from "../../lib/db/seed-demo";

/** A Shopify staff member of a store: merchants sign in as one, through Shopify. */
export type ShopifyLogin = { shopDomain: string; staffId: string };

function staffId(shop: (typeof DEMO_SHOPS)[keyof typeof DEMO_SHOPS], name: string): ShopifyLogin {
  return { shopDomain: shop.domain, staffId: shop.staff.find((member) => member.name === name)!.id };
}

/** The demo merchants as the Shopify stand-in knows them (Maya owns both Northwind stores, Omar owns Acme). */
export const DEMO_LOGINS = {
  maya: staffId(DEMO_SHOPS.northwindOutfitters, "Maya Patel"),
  mayaAtOutlet: staffId(DEMO_SHOPS.northwindOutlet, "Maya Patel"),
  lee: staffId(DEMO_SHOPS.northwindOutfitters, "Lee Chen"),
  omar: staffId(DEMO_SHOPS.acmeGoods, "Omar Reyes"),
};

const standin = () => `http://127.0.0.1:${process.env.E2E_SHOPIFY_PORT}`;

/** Asks the Shopify stand-in for a session token, signed exactly as Shopify's admin signs one. */
export async function sessionToken(login: ShopifyLogin): Promise<string> {
  const res = await fetch(`${standin()}/standin/session-token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ shop: login.shopDomain, userId: login.staffId }),
  });
  if (!res.ok) throw new Error(`stand-in session token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Shopify's `host` parameter for a store's admin. */
export function shopifyHost(shopDomain: string): string {
  return Buffer.from(`admin.shopify.com/store/${shopDomain.replace(".myshopify.com", "")}`).toString("base64url");
}

/**
 * Opens the app the way Shopify's admin loads it the first time (a fresh session token in the query) and waits for
 * the shop's dashboard: the merchant sign-in, with no password anywhere.
 */
export async function signIn(page: Page, login: ShopifyLogin) {
  const query = new URLSearchParams({
    embedded: "1",
    shop: login.shopDomain,
    host: shopifyHost(login.shopDomain),
    id_token: await sessionToken(login),
  });
  await page.goto(`/?${query}`);
  await expect(page).toHaveURL(/\/shops\/[^/?]+/);
}

/** Signs a support agent in through the password form (agents are the only password users). */
export async function signInSupportAgent(
  page: Page,
  account: { email: string; password: string } = DEMO_SUPPORT_AGENT,
) {
  await page.goto("/sign-in");
  await page.getByText("Signalboard support agents").click();
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** Runs one query against the app's database, to check what a browser action did or did not change. */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The id of a seeded shop, by its myshopify domain. */
export async function shopId(domain: string): Promise<string> {
  const [row] = await query<{ id: string }>(`SELECT id FROM "Shop" WHERE domain = $1`, [domain]);
  if (!row) throw new Error(`No shop ${domain}`);
  return row.id;
}

/**
 * Changes the Postscript sandbox's fault injection for one API key only: specs run side by side on one sandbox, and
 * an outage of everyone's would fail the others.
 */
export async function sandboxFaults(apiKey: string, faults: Record<string, unknown>) {
  const res = await fetch(`http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}/sandbox/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...faults, keyLast4: apiKey.slice(-4) }),
  });
  if (!res.ok) throw new Error(`sandbox faults: ${res.status}`);
}

/** Events the sandbox received for a key, by its last 4 characters. */
export async function sandboxInbox(keyLast4: string, type?: string) {
  const url = new URL(`http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}/sandbox/inbox`);
  url.searchParams.set("key_last4", keyLast4);
  if (type) url.searchParams.set("type", type);
  const body = (await (await fetch(url)).json()) as { events: { type: string; properties: Record<string, unknown> }[] };
  return body.events;
}

/** Adds a store to the Shopify stand-in (with the app installed, and a Paid subscription when asked). */
export async function standinAddStore(store: {
  domain: string;
  name: string;
  email: string;
  plan?: "FREE" | "PAID";
  installed?: boolean;
  currencyCode?: string;
  ianaTimezone?: string;
  staff: { id: string; email: string; firstName: string; lastName: string; accountOwner: boolean }[];
}) {
  const res = await fetch(`${standin()}/standin/stores`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ currencyCode: "USD", ianaTimezone: "America/New_York", installed: true, ...store }),
  });
  if (!res.ok) throw new Error(`stand-in store: ${res.status} ${await res.text()}`);
}

/**
 * A merchant of its own with one installed shop, for a spec that changes shop state: specs then never depend on
 * each other's leftovers. The store exists in the Shopify stand-in and the shop is installed through token exchange
 * on first sign-in, as for a real merchant. Returns the login, the email and the shop id.
 */
export async function createMerchantAccount(options: { plan?: "FREE" | "PAID"; shopName?: string } = {}) {
  const { randomBytes } = await import("node:crypto");
  const handle = randomBytes(4).toString("hex");
  const email = `merchant-${handle}@e2e.test`;
  const shopName = options.shopName ?? `E2E Store ${handle}`;
  const shopDomain = `e2e-${handle}.myshopify.com`;
  const staffId = String(90_000_000 + parseInt(handle.slice(0, 6), 16));
  await standinAddStore({
    domain: shopDomain,
    name: shopName,
    email,
    plan: options.plan ?? "PAID",
    staff: [{ id: staffId, email, firstName: "E2E", lastName: `Merchant ${handle}`, accountOwner: true }],
  });
  const [shop] = await query<{ id: string }>(
    `INSERT INTO "Shop" (id, domain, name, plan, "ownerEmail") VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [`shop_${handle}`, shopDomain, shopName, options.plan ?? "PAID", email],
  );
  return { email, shopDomain, staffId, shopId: shop!.id, shopName };
}

/** Adds a keyword to a sandbox account, as a merchant creating one in Postscript would. */
export async function sandboxAddKeyword(apiKey: string, keyword: string) {
  const res = await fetch(`http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}/sandbox/keywords`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apiKey, keyword }),
  });
  if (!res.ok) throw new Error(`sandbox keyword: ${res.status}`);
}

/** The event types a sandbox account has registered (the first event of a type creates its flow trigger). */
export async function sandboxEventTypes(keyLast4: string): Promise<string[]> {
  const res = await fetch(`http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}/sandbox/state`);
  const state = (await res.json()) as { accounts: { keyLast4: string; eventTypes: { type: string }[] }[] };
  return state.accounts.filter((a) => a.keyLast4 === keyLast4).flatMap((a) => a.eventTypes.map((e) => e.type));
}

/**
 * Pastes a Private API Key and clicks Save & verify. Typed before hydration, the value would not reach React's
 * state (the button stays disabled until it does), so the fill is retried until the button is enabled.
 */
export async function pasteKey(page: Page, key: string) {
  const save = page.getByRole("button", { name: "Save & verify" });
  await expect(async () => {
    await page.getByLabel(/Private API Key/).fill(key);
    await expect(save).toBeEnabled({ timeout: 1_000 });
  }).toPass();
  await save.click();
}

/** Setup steps 1–3 through the UI: Postscript as the provider, a verified sandbox key, and a keyword. */
export async function setUpPostscript(page: Page, shopId: string, key: string, keyword = "RESTOCK") {
  await page.goto(`/shops/${shopId}/postscript`);
  await page
    .getByRole("group", { name: "Send SMS through" })
    .getByRole("radio", { name: "Postscript", exact: true })
    .check();
  await expect(page.getByRole("img", { name: "Step 1 complete" })).toBeVisible();
  await pasteKey(page, key);
  await expect(page.getByRole("img", { name: "Step 2 complete" })).toBeVisible();
  await page.getByRole("combobox", { name: "Postscript keyword" }).click();
  await page.getByRole("option", { name: keyword }).click();
  await expect(page.getByText(`Saved: ${keyword}`)).toBeVisible();
}

/** Posts a correctly signed Shopify webhook to the running app. */
export async function postShopifyWebhook(topic: string, shopDomain: string, payload: unknown, eventId?: string) {
  const { signedWebhook, postWebhook } = await import("../../lib/shopify/signed-webhook");
  const webhook = signedWebhook(topic, shopDomain, payload, process.env.E2E_SHOPIFY_API_SECRET!, eventId);
  const result = await postWebhook(`http://127.0.0.1:${process.env.E2E_PORT}/api/webhooks/shopify`, webhook);
  return { ...result, eventId: webhook.eventId };
}

/** Simulates the customer replying Y to Postscript's opt-in text. */
export async function sandboxOptIn(apiKey: string, phone: string) {
  const res = await fetch(`http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}/sandbox/subscribers/opt-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apiKey, phone }),
  });
  if (!res.ok) throw new Error(`sandbox opt-in: ${res.status} ${await res.text()}`);
}
