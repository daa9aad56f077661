import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { startTestShopifyStandin } from "@/lib/testing/start-test-shopify-standin";
import { TINY_BUCKET } from "@/lib/shopify-standin/standin-state";
import { adminGraphql } from "./admin-graphql";
import { estimateQueryCost } from "./estimate-query-cost";
import { SHOPIFY_API_VERSION } from "./shopify-app";

let standin: Awaited<ReturnType<typeof startTestShopifyStandin>>;

beforeAll(async () => {
  standin = await startTestShopifyStandin();
});
afterEach(() => standin.state.setFaults({ throttle: false }));
afterAll(() => standin.close());

// Costs 5 of the throttle fault's 10-point bucket (restoring 10 a second).
const COSTLY = `#graphql
  query { currentAppInstallation { activeSubscriptions { id lineItems { plan { pricingDetails { __typename } } } } } }`;
const ANSWER = { currentAppInstallation: { activeSubscriptions: [] } };

/** The same query sent straight to the stand-in, around the budget (as an app without one would). */
async function rawCall(token: string, domain: string): Promise<boolean> {
  const res = await fetch(`${standin.url}/shops/${domain}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": token },
    body: JSON.stringify({ query: COSTLY }),
  });
  const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
  return !body.errors?.some((e) => e.extensions?.code === "THROTTLED");
}

describe("the per-shop Shopify cost budget", () => {
  it("makes concurrent callers wait their turn instead of being THROTTLED, at the bucket's restore rate", async () => {
    expect(estimateQueryCost(COSTLY)).toBe(5);
    const { shopId, store } = await standin.installedShop();
    standin.state.setFaults({ throttle: true });

    // Without the budget, 8 concurrent calls of 5 points against a 10-point bucket: some are THROTTLED.
    const stored = await prisma.shopifyToken.findUniqueOrThrow({ where: { shopId } });
    const token = decryptSecret(stored.encryptedAccessToken);
    const raw = await Promise.all(Array.from({ length: 8 }, () => rawCall(token, store.domain)));
    expect(raw.filter((ok) => !ok).length).toBeGreaterThanOrEqual(1);

    // Through the budget: one call learns the shop's bucket from throttleStatus, then 8 more at once.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(adminGraphql(shopId, COSTLY)).resolves.toEqual(ANSWER);
    const throttled = standin.state.calls.throttled;
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 8 }, () => adminGraphql(shopId, COSTLY)));
    const elapsedMs = performance.now() - started;
    expect(answers).toEqual(Array(8).fill(ANSWER));
    expect(standin.state.calls.throttled).toBe(throttled);
    // 40 points with at most 10 in the bucket at the start: at least 3 s of restoring at 10 points a second.
    expect(elapsedMs).toBeGreaterThanOrEqual(
      ((8 * 5 - TINY_BUCKET.maximumAvailable) / TINY_BUCKET.restoreRate) * 1000 - 100,
    );
    expect(await prisma.sendBudget.findUnique({ where: { key: `shopify-cost:${shopId}` } })).toMatchObject({
      capacity: TINY_BUCKET.maximumAvailable,
      restorePerSecond: TINY_BUCKET.restoreRate,
    });
  }, 20_000);

  it("a THROTTLED answer (the bucket emptied outside the budget) waits as throttleStatus says, then succeeds", async () => {
    const { shopId, store } = await standin.installedShop();
    standin.state.setFaults({ throttle: true });
    await expect(adminGraphql(shopId, COSTLY)).resolves.toEqual(ANSWER);
    // Something that does not use the budget (an old deploy, another tool with the same app) empties the bucket.
    while (standin.state.spend(store.domain, 1).ok);
    const throttled = standin.state.calls.throttled;
    await expect(adminGraphql(shopId, COSTLY)).resolves.toEqual(ANSWER);
    expect(standin.state.calls.throttled).toBe(throttled + 1);
  });

  it("keeps each shop's bucket to itself", { timeout: 15_000 }, async () => {
    const a = await standin.installedShop();
    const b = await standin.installedShop();
    standin.state.setFaults({ throttle: true });
    await adminGraphql(a.shopId, COSTLY);
    // Shop A books 30 more points, 3 s of its bucket at 10 a second; shop B's bucket is its own and answers at once.
    const booked = Promise.all(Array.from({ length: 6 }, () => adminGraphql(a.shopId, COSTLY)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    await expect(adminGraphql(b.shopId, COSTLY)).resolves.toEqual(ANSWER);
    expect(performance.now() - started).toBeLessThan(1_000);
    await booked;
  });
});
