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
