import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { query } from "./app";

/** One event the sandbox's Klaviyo mode recorded (de-duplicated on unique_id per profile and metric, like Klaviyo). */
export type SandboxKlaviyoEvent = {
  keyLast4: string;
  metric: string;
  profile: { id: string; email: string | null; phoneNumber: string | null };
  properties: Record<string, unknown>;
  uniqueId: string | null;
  time: string | null;
  receivedAt: string;
};

/**
 * Events the sandbox's Klaviyo mode recorded, newest first, optionally for one key (by its last 4) and/or one
 * metric ("Order Editing Started"). An empty list means no Klaviyo call got through.
 */
export async function sandboxKlaviyoEvents(
  request: APIRequestContext,
  filter: { keyLast4?: string; metric?: string } = {},
): Promise<SandboxKlaviyoEvent[]> {
  const url = new URL(`http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}/sandbox/klaviyo/events`);
  if (filter.keyLast4) url.searchParams.set("key_last4", filter.keyLast4);
  if (filter.metric) url.searchParams.set("metric", filter.metric);
  const response = await request.get(url.toString());
  if (!response.ok()) throw new Error(`sandbox Klaviyo events: ${response.status()}`);
  return ((await response.json()) as { events: SandboxKlaviyoEvent[] }).events;
}

/** The shop's KlaviyoIntegration row (empty when it never connected). */
export function klaviyoIntegration(shopId: string) {
  return query<{
    keyLast4: string | null;
    encryptedKey: string | null;
    verification: string;
    enabled: boolean;
    accountName: string | null;
  }>(
    `SELECT "keyLast4", "encryptedKey", verification, enabled, "accountName" FROM "Integration" WHERE provider = 'KLAVIYO' AND "shopId" = $1`,
    [shopId],
  );
}

/**
 * Pastes a Klaviyo Private API Key on the Integrations page and clicks Save & verify. Typed before hydration,
 * the value would not reach React's state (the button stays disabled until it does), so the fill is retried.
 */
export async function pasteKlaviyoKey(page: Page, key: string) {
  const save = page.getByRole("button", { name: "Save & verify" });
  await expect(async () => {
    await page.getByLabel(/Klaviyo Private API Key/).fill(key);
    await expect(save).toBeEnabled({ timeout: 1_000 });
  }).toPass();
  await save.click();
}
