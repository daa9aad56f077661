import { expect, type Page } from "@playwright/test";
import pg from "pg";

/** Signs in through the real form and waits for the dashboard (or wherever home sends this user). */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
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

/** Changes the Postscript sandbox's fault injection for the running app. */
export async function sandboxFaults(faults: Record<string, unknown>) {
  const res = await fetch(`http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}/sandbox/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(faults),
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

/**
 * A merchant of its own with one shop, for a spec that changes shop state: specs then never depend on each
 * other's leftovers. Returns the sign-in and the shop id.
 */
export async function createMerchantAccount(options: { plan?: "FREE" | "PAID"; shopName?: string } = {}) {
  const { hashPassword } = await import("../../lib/auth/password");
  const { randomBytes } = await import("node:crypto");
  const handle = randomBytes(4).toString("hex");
  const email = `merchant-${handle}@e2e.test`;
  const password = `pw-${handle}-e2e`;
  const shopName = options.shopName ?? `E2E Store ${handle}`;
  const [shop] = await query<{ id: string }>(
    `INSERT INTO "Shop" (id, domain, name, plan, "ownerEmail") VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [`shop_${handle}`, `e2e-${handle}.myshopify.com`, shopName, options.plan ?? "PAID", email],
  );
  await query(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ($1, $2, $3, $4)`, [
    `user_${handle}`, email, `E2E Merchant ${handle}`, await hashPassword(password),
  ]);
  await query(`INSERT INTO "Membership" (id, "userId", "shopId", role) VALUES ($1, $2, $3, 'OWNER')`, [
    `member_${handle}`, `user_${handle}`, shop!.id,
  ]);
  return { email, password, shopId: shop!.id, shopName };
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
  await page.getByRole("group", { name: "Send SMS through" }).getByRole("radio", { name: "Postscript", exact: true }).check();
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
