import { randomBytes } from "node:crypto";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { loadDeferredLocalJobs } from "@/lib/jobs/local-job-table";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import type { SmsProvider } from "@/lib/generated/prisma/client";
import { SMS_TEMPLATES } from "@/lib/sms-settings/sms-templates";

/**
 * Test and benchmark fixtures for the restock engine: a shop connected to a sandbox key, a catalog variant and
 * a waitlist inserted in bulk. Not used by the app.
 */
export type EngineShop = { shopId: string; domain: string; name: string; apiKey: string };

function hex(bytes = 4) {
  return randomBytes(bytes).toString("hex");
}

/** A shop whose active provider is Postscript with a verified sandbox key, and its back-in-stock rules. */
export async function createEngineShop(
  options: {
    provider?: SmsProvider;
    rateLimitPerSecond?: number;
    batchPerUnit?: number | null;
    reminderEnabled?: boolean;
    reminderDelayMinutes?: number;
    threshold?: number;
    enabled?: boolean;
  } = {},
): Promise<EngineShop> {
  // Engine tests time their passes: a test worker's job runner loads now, not inside their first send.
  await loadDeferredLocalJobs();
  const handle = `engine-${hex()}`;
  const apiKey = `sk_sandbox_${hex(8)}`;
  const shop = await prisma.shop.create({
    data: {
      domain: `${handle}.myshopify.com`,
      name: `Shop ${handle}`,
      plan: "PAID",
      integrations: {
        create: {
          provider: "POSTSCRIPT",
          // The key's budget; null is Postscript's documented 15/s.
          rateLimitPerSecond: options.rateLimitPerSecond ?? null,
          encryptedKey: encryptSecret(apiKey),
          keyLast4: apiKey.slice(-4),
          verification: "VERIFIED",
          enabled: options.enabled ?? true,
          lastVerifiedAt: new Date(),
        },
      },
      smsSettings: {
        create: {
          provider: options.provider ?? "POSTSCRIPT",
          backInStockTemplate: SMS_TEMPLATES.backInStock.defaultText,
          reminderTemplate: SMS_TEMPLATES.reminder.defaultText,
          preorderTemplate: SMS_TEMPLATES.preorder.defaultText,
        },
      },
      backInStockSettings: {
        create: {
          batchPerUnit: options.batchPerUnit ?? null,
          reminderEnabled: options.reminderEnabled ?? true,
          reminderDelayMinutes: options.reminderDelayMinutes ?? 1_440,
          threshold: options.threshold ?? 0,
        },
      },
    },
  });
  return { shopId: shop.id, domain: shop.domain, name: shop.name, apiKey };
}

/** A published product with one variant. */
export async function createEngineVariant(
  shopId: string,
  options: {
    available?: number;
    preorder?: boolean;
    shippingTimeline?: string;
    published?: boolean;
    productTitle?: string;
  } = {},
) {
  const id = hex();
  const product = await prisma.product.create({
    data: {
      shopId,
      shopifyProductId: `${Date.now()}${id.slice(0, 4)}`,
      title: options.productTitle ?? `Trail Jacket ${id}`,
      vendor: "Northwind",
      handle: `trail-jacket-${id}`,
      imageUrl: `https://cdn.example.com/${id}.jpg`,
      published: options.published ?? true,
    },
  });
  return prisma.variant.create({
    data: {
      shopId,
      productId: product.id,
      shopifyVariantId: `4411${parseInt(id, 16)}`,
      inventoryItemId: `inv-${id}`,
      title: "Medium / Blue",
      price: "89.00",
      available: options.available ?? 0,
      preorder: options.preorder ?? false,
      shippingTimeline: options.shippingTimeline ?? null,
    },
    include: { product: true },
  });
}

/**
 * `count` waiting customers for a variant in one INSERT … SELECT (fast enough for 100,000): phones
 * +1555<7 digits> unique per call, signups one second apart (oldest first), every 10th with an email too.
 * Returns the phones in signup order.
 */
export async function addWaitlist(
  shopId: string,
  variantId: string,
  count: number,
  options: { phonePrefix?: number } = {},
): Promise<string[]> {
  const base = options.phonePrefix ?? Math.floor(Math.random() * 9) * 1_000_000;
  const start = new Date(Date.now() - count * 1_000 - 60_000);
  await prisma.$executeRaw`
    INSERT INTO "WaitlistEntry" (id, "shopId", "variantId", "customerKey", phone, email, name, status, "createdAt", "updatedAt")
    SELECT 'wl_' || ${variantId} || '_' || g, ${shopId}, ${variantId},
           '+1555' || lpad((${base}::int + g)::text, 7, '0'),
           '+1555' || lpad((${base}::int + g)::text, 7, '0'),
           CASE WHEN g % 10 = 0 THEN 'customer' || g || '@example.com' END,
           'Customer ' || g, 'WAITING',
           ${start}::timestamp + g * interval '1 second', now()
      FROM generate_series(1, ${count}::int) AS g`;
  return Array.from({ length: count }, (_, i) => `+1555${String(base + i + 1).padStart(7, "0")}`);
}

/** Polls `check` until it returns a truthy value (returned) or `timeoutMs` passes (throws). */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** How many times each external id (our idempotency key) reached the sandbox: the exactly-once check. */
export function countByExternalId(events: { externalId: string | null }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.externalId ?? "", (counts.get(event.externalId ?? "") ?? 0) + 1);
  return counts;
}

/**
 * Runs one small restock through the in-process sandbox so the first measured run does not pay for cold code:
 * in a test process, Prisma compiling its first queries stalls the event loop the sandbox shares, and requests
 * sent before the stall "arrive" together after it — a bunching a remote Postscript would never see.
 */
export async function warmUpEngine(): Promise<void> {
  const shop = await createEngineShop({ reminderEnabled: false });
  const variant = await createEngineVariant(shop.shopId, { available: 1 });
  await addWaitlist(shop.shopId, variant.id, 6);
  const restock = await prisma.restock.create({
    data: { shopId: shop.shopId, variantId: variant.id, trigger: "MANUAL", available: 1 },
  });
  await runRestock(restock.id);
}

/**
 * Runs a stored restock the way the app does: its restockDetected event, then the shop's jobs (the fan-out plans
 * and wakes the shop's drainer, which sends) on the local runner until none is left.
 */
export async function runRestock(restockId: string): Promise<void> {
  const { shopId } = await prisma.restock.findUniqueOrThrow({ where: { id: restockId }, select: { shopId: true } });
  await sendJobEvent("restockDetected", { shopId, restockId });
  const { runJobsForShop } = await import("@/inngest/run-jobs-for-shop");
  await runJobsForShop(shopId);
}
