import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { BACK_IN_STOCK_ALERT } from "@/lib/deliveries/event-types";
import { CIRCUIT_THRESHOLD } from "@/lib/deliveries/send-circuit";
import { postscriptClientForKey } from "@/lib/integrations/postscript-client-for-key";
import { planRestock } from "@/lib/restock/plan-restock";
import {
  addWaitlist,
  countByExternalId,
  createEngineShop,
  createEngineVariant,
  waitFor,
  warmUpEngine,
} from "@/lib/restock/restock-test-fixtures";
import { syncSubscriber } from "@/lib/storefront/sync-subscriber";
import { drainUntilSettled, FAULT_RATE_PER_SECOND } from "./fault-fixtures";
import { type FaultSandbox, startFaultSandbox } from "./fault-sandbox";

// The issue-14 scenario at CI size: signups arriving (and being added to Postscript) while two restocks fan out,
// with 5% 429 and 2% 500 injected and a stretch where Postscript accepts connections and never answers.

const TIMEOUT_MS = 1_000;
let sandbox: FaultSandbox;
beforeAll(async () => {
  sandbox = await startFaultSandbox({ timeoutMs: TIMEOUT_MS, rateLimitPerSecond: FAULT_RATE_PER_SECOND });
  await warmUpEngine();
});
afterAll(async () => {
  await sandbox.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** New signups for the variant whose Postscript sync has not run yet (what a burst of storefront signups leaves). */
async function signups(shopId: string, variantId: string, count: number): Promise<{ id: string; phone: string }[]> {
  const base = 8_000_000 + Math.floor(Math.random() * 900_000);
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const phone = `+1555${String(base + i).padStart(7, "0")}`;
      const entry = await prisma.waitlistEntry.create({
        data: { shopId, variantId, customerKey: phone, phone, status: "WAITING", postscriptSync: "PENDING" },
        select: { id: true },
      });
      return { id: entry.id, phone };
    }),
  );
}

/** Each signup's sync as its job runs it: started a few ms apart, retried after a passing failure. */
async function syncAll(entries: { id: string }[], spacingMs: number): Promise<void> {
  await Promise.all(
    entries.map(async (entry, i) => {
      await sleep(i * spacingMs);
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await syncSubscriber(entry.id);
          if (result.status !== "PENDING") return;
        } catch {
          // A passing failure (429, 5xx, no answer): the job's retry, compressed.
        }
        if (attempt >= 30) throw new Error(`sync of ${entry.id} did not finish`);
        await sleep(100);
      }
    }),
  );
}

describe("mixed load: signups during two restocks, injected 429/500, an accept-then-drop outage", () => {
  it("ends with every alert DELIVERED or UNCONFIRMED, no more lost in the outage than the breaker's threshold, no duplicates, none before the sync, never over the limit", async () => {
    const shop = await createEngineShop({ reminderEnabled: false, rateLimitPerSecond: FAULT_RATE_PER_SECOND });
    const [keyword] = await postscriptClientForKey(shop.apiKey).listKeywords();
    await prisma.integration.update({
      where: { shopId_provider: { shopId: shop.shopId, provider: "POSTSCRIPT" } },
      data: { keywordId: keyword!.id, keywordName: keyword!.keyword },
    });
    const big = await createEngineVariant(shop.shopId, { available: 50 });
    const small = await createEngineVariant(shop.shopId, { available: 50 });
    await addWaitlist(shop.shopId, big.id, 120);
    await addWaitlist(shop.shopId, small.id, 60);
    // Signed up just before the restock; their subscriber syncs run while its alerts go out.
    const fresh = await signups(shop.shopId, big.id, 40);
    const restocks = await Promise.all(
      [big, small].map((variant) =>
        prisma.restock.create({
          data: { shopId: shop.shopId, variantId: variant.id, trigger: "INVENTORY", available: 50 },
        }),
      ),
    );
    for (const restock of restocks) await planRestock(restock.id);

    sandbox.state.setFaults({ share429: 0.05, share500: 0.02, seed: 14 });
    const alerts = () =>
      sandbox.state.inbox({ type: BACK_IN_STOCK_ALERT }).filter((e) => e.externalId?.startsWith(`${shop.shopId}:`));
    const sending = drainUntilSettled(shop.shopId, { maxRounds: 200 });
    const syncing = syncAll(fresh, 40);

    // A minute allows for a loaded machine; at 40/s it is met within 2 s.
    await waitFor(() => alerts().length >= 60, 60_000, 20);
    sandbox.state.setFaults({ dropConnections: true });
    // Long enough for the in-flight sends to time out and the circuit to open and probe a few times.
    await sleep(TIMEOUT_MS * 3);
    sandbox.state.setFaults({ dropConnections: false });
    await Promise.all([sending, syncing]);

    const ledger = await prisma.delivery.findMany({ where: { shopId: shop.shopId, eventType: BACK_IN_STOCK_ALERT } });
    expect(ledger).toHaveLength(220);
    expect(
      ledger.filter((row) => row.status !== "DELIVERED" && row.status !== "UNCONFIRMED").map((row) => row.status),
    ).toEqual([]);
    const counts = countByExternalId(alerts());
    expect(
      [...counts].filter(([, n]) => n > 1),
      "duplicates",
    ).toEqual([]);
    // Every DELIVERED row reached Postscript.
    const delivered = ledger.filter((row) => row.status === "DELIVERED");
    expect(delivered.filter((row) => !counts.has(row.idempotencyKey))).toEqual([]);

    // The breaker's promise: at most its threshold of alerts go into the outage, and each is UNCONFIRMED (not
    // resent). Counted where they were lost, in the sandbox: on a loaded machine a request can also time out outside
    // the outage (a stalled event loop runs the timeout before reading the answer, an injected 429 or the event's
    // acceptance), and that row is rightly UNCONFIRMED too.
    const swallowed = sandbox.state
      .swallowed()
      .filter((request) => request.path === "/api/v2/events" && request.externalId?.startsWith(`${shop.shopId}:`))
      .map((request) => request.externalId);
    expect(swallowed.length).toBeGreaterThan(0);
    expect(swallowed.length).toBeLessThanOrEqual(CIRCUIT_THRESHOLD);
    const unconfirmed = new Set(
      ledger
        .filter((row) => row.status === "UNCONFIRMED" && !counts.has(row.idempotencyKey))
        .map((row) => row.idempotencyKey),
    );
    expect(swallowed.filter((externalId) => !unconfirmed.has(externalId!))).toEqual([]);

    const freshPhones = new Set(fresh.map((entry) => entry.phone));
    const beforeSync = alerts().filter(
      (event) => event.phone && freshPhones.has(event.phone) && !event.matchedSubscriber,
    );
    expect(beforeSync, "alerts to phones Postscript did not know yet").toEqual([]);

    const account = sandbox.state.account(shop.apiKey)!;
    expect(account.peakRequestsPerSecond).toBeLessThanOrEqual(FAULT_RATE_PER_SECOND);
    expect(account.overLimit429Count).toBe(0);

    const pauses = await prisma.sendingPause.findMany({ where: { shopId: shop.shopId } });
    expect(pauses.length).toBeGreaterThan(0);
    expect(
      pauses.every((pause) => pause.resumedAt !== null),
      "every pause resumed by itself",
    ).toBe(true);
  }, 120_000);
});
