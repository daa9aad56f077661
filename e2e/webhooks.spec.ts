import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { buildScenario } from "../lib/shopify/play-webhooks";
import { postWebhook, signedWebhook } from "../lib/shopify/signed-webhook";
import { createMerchantAccount, query } from "./support/app";

// Shopify webhooks against the running app: signed with the same secret the server verifies (E2E_SHOPIFY_API_SECRET),
// built by the same code as `tsx lib/shopify/play-webhooks.ts`. Each test uses a shop of its own.
test.describe.configure({ mode: "serial" });

const secret = () => process.env.E2E_SHOPIFY_API_SECRET!;
const endpoint = () => `http://127.0.0.1:${process.env.E2E_PORT}/api/webhooks/shopify`;

async function newShop() {
  // Every shop here gets the same demo catalog, whose bodies differ only by a one-second timestamp; within the same
  // second the next shop's catalog would be the previous shop's signed body replayed (refused by design). Real
  // Shopify ids differ per shop, so this only concerns these specs.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const account = await createMerchantAccount();
  const [row] = await query<{ domain: string }>(`SELECT domain FROM "Shop" WHERE id = $1`, [account.shopId]);
  return { id: account.shopId, domain: row!.domain };
}

async function play(shop: string, scenario: string, args: string[] = []) {
  const replies = [];
  for (const webhook of buildScenario(scenario, args, { shop, secret: secret() })) {
    replies.push({ eventId: webhook.eventId, ...(await postWebhook(endpoint(), webhook)) });
  }
  return replies;
}

// Processing runs in the app's background after each answer, behind whatever else the process is doing (other
// specs' fan-outs); on a busy 2-core machine that can take longer than the default 10 s.
const BACKGROUND = { timeout: 30_000 };

const processed = async (eventId: string) =>
  (
    await query<{ processedAt: Date | null }>(`SELECT "processedAt" FROM "WebhookEvent" WHERE "webhookId" = $1`, [
      eventId,
    ])
  )[0]?.processedAt ?? null;

test("a forged or unsigned webhook is refused with 401 and nothing is stored", async () => {
  const shop = await newShop();
  const forged = signedWebhook(
    "inventory_levels/update",
    shop.domain,
    { inventory_item_id: 1, location_id: 1, available: 5 },
    "not-the-secret",
  );
  const reply = await postWebhook(endpoint(), forged);
  expect(reply).toMatchObject({ status: 401, body: { ok: false, error: { message: "Invalid webhook signature" } } });
  const unsigned = await fetch(endpoint(), {
    method: "POST",
    headers: { ...forged.headers, "x-shopify-hmac-sha256": "" },
    body: forged.body,
  });
  expect(unsigned.status).toBe(401);
  expect(await query(`SELECT id FROM "WebhookEvent" WHERE "webhookId" = $1`, [forged.eventId])).toEqual([]);
});

test("products/update webhooks build the catalog; a restock webhook updates stock and starts one restock, even when delivered three times", async () => {
  const shop = await newShop();
  const catalog = await play(shop.domain, "catalog");
  expect(catalog.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
  await expect
    .poll(async () => (await query(`SELECT id FROM "Variant" WHERE "shopId" = $1`, [shop.id])).length, BACKGROUND)
    .toBe(15);

  const replies = await play(shop.domain, "redeliver", ["46211000000012", "5"]);
  expect(replies.map((r) => [r.status, (r.body as { result: string }).result])).toEqual([
    [200, "accepted"],
    [200, "duplicate"],
    [200, "duplicate"],
  ]);
  await expect.poll(() => processed(replies[0]!.eventId)).not.toBeNull();
  expect(await query(`SELECT id FROM "WebhookEvent" WHERE "webhookId" = $1`, [replies[0]!.eventId])).toHaveLength(1);
  const [variant] = await query<{ id: string; available: number }>(
    `SELECT id, available FROM "Variant" WHERE "shopId" = $1 AND "shopifyVariantId" = '46211000000012'`,
    [shop.id],
  );
  expect(variant!.available).toBe(5);
  expect(
    await query(`SELECT id FROM "Restock" WHERE "variantId" = $1 AND trigger = 'INVENTORY'`, [variant!.id]),
  ).toHaveLength(1);
});

test("an order webhook stores the order with its contact and our variant", async () => {
  const shop = await newShop();
  await play(shop.domain, "catalog");
  await expect
    .poll(async () => (await query(`SELECT id FROM "Variant" WHERE "shopId" = $1`, [shop.id])).length, BACKGROUND)
    .toBe(15);
  const [reply] = await play(shop.domain, "order", ["46211000000031", "+1 613 555 0142", "Buyer@Example.com"]);
  await expect.poll(() => processed(reply!.eventId)).not.toBeNull();
  const [order] = await query<{
    email: string;
    phone: string;
    customerName: string;
    lineItems: { variantId: string | null; shopifyVariantId: string }[];
  }>(`SELECT email, phone, "customerName", "lineItems" FROM "Order" WHERE "shopId" = $1`, [shop.id]);
  expect(order).toMatchObject({ email: "buyer@example.com", phone: "+16135550142", customerName: "Jamie Rivera" });
  expect(order!.lineItems[0]).toMatchObject({ shopifyVariantId: "46211000000031", variantId: expect.any(String) });
});

test("app/uninstalled marks the shop uninstalled; later catalog webhooks are ignored but shop/redact (48 h later) still deletes everything", async () => {
  const shop = await newShop();
  await play(shop.domain, "catalog");
  await expect
    .poll(async () => (await query(`SELECT id FROM "Product" WHERE "shopId" = $1`, [shop.id])).length, BACKGROUND)
    .toBe(6);

  const [uninstall] = await play(shop.domain, "uninstall");
  await expect.poll(() => processed(uninstall!.eventId)).not.toBeNull();
  expect(
    (await query<{ uninstalledAt: Date | null }>(`SELECT "uninstalledAt" FROM "Shop" WHERE id = $1`, [shop.id]))[0]!
      .uninstalledAt,
  ).not.toBeNull();

  const [late] = await play(shop.domain, "restock", ["46211000000012", "3"]);
  expect(late!.body).toMatchObject({ result: "ignored" });

  // Shopify sends shop/redact 48 hours after the uninstall; the app refuses it any earlier.
  await query(`UPDATE "Shop" SET "uninstalledAt" = now() - interval '49 hours' WHERE id = $1`, [shop.id]);
  const redact = signedWebhook(
    "shop/redact",
    shop.domain,
    { shop_id: 1, shop_domain: shop.domain },
    secret(),
    randomUUID(),
  );
  expect((await postWebhook(endpoint(), redact)).status).toBe(200);
  await expect.poll(async () => (await query(`SELECT id FROM "Shop" WHERE id = $1`, [shop.id])).length).toBe(0);
  expect(await query(`SELECT id FROM "Variant" WHERE "shopId" = $1`, [shop.id])).toEqual([]);
});

test("the play-webhooks script sends a signed sell-out the app accepts", async () => {
  const shop = await newShop();
  await play(shop.domain, "catalog");
  await expect
    .poll(async () => (await query(`SELECT id FROM "Variant" WHERE "shopId" = $1`, [shop.id])).length, BACKGROUND)
    .toBe(15);
  const { execFile } = await import("node:child_process");
  const { promisify } = await import("node:util");
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      "--import",
      "tsx",
      "lib/shopify/play-webhooks.ts",
      "--url",
      `http://127.0.0.1:${process.env.E2E_PORT}`,
      "--shop",
      shop.domain,
      "sellout",
      "46211000000011",
    ],
    { env: { ...process.env, SHOPIFY_API_SECRET: secret() } },
  );
  expect(stdout).toMatch(/inventory_levels\/update event \S+ → 200 in \d+ ms .*"accepted"/);
  await expect
    .poll(
      async () =>
        (
          await query<{ available: number }>(
            `SELECT available FROM "Variant" WHERE "shopId" = $1 AND "shopifyVariantId" = '46211000000011'`,
            [shop.id],
          )
        )[0]?.available,
    )
    .toBe(0);
});
