import { InngestTestEngine } from "@inngest/test";
import { toInngestFunction } from "@/lib/jobs/inngest-functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { startTestShopifyStandin } from "@/lib/testing/start-test-shopify-standin";
import { refreshShopifyTokens } from "./refresh-shopify-tokens";

let standin: Awaited<ReturnType<typeof startTestShopifyStandin>>;
beforeAll(async () => {
  standin = await startTestShopifyStandin();
});
afterAll(async () => {
  await standin.close();
});

const installedShop = () => standin.installedShop();

describe("refresh-shopify-tokens (Inngest)", () => {
  it("rotates a token whose refresh token nears its lapse and counts one Shopify refused as revoked", async () => {
    const due = await installedShop();
    const gone = await installedShop();
    await prisma.shopifyToken.updateMany({
      where: { shopId: { in: [due.shopId, gone.shopId] } },
      data: { refreshTokenExpiresAt: new Date(Date.now() + 24 * 60 * 60_000) },
    });
    await fetch(`${standin.url}/standin/stores/${gone.store.domain}/revoke`, { method: "POST" });

    // The find step is mocked with this file's shops: the test database is shared with other test files.
    const engine = new InngestTestEngine({
      function: toInngestFunction(refreshShopifyTokens),
      steps: [{ id: "find-expiring-tokens", handler: () => [due.shopId, gone.shopId] }],
    });
    const { result } = await engine.execute();
    expect(result).toEqual({ due: 2, live: 1, revoked: 1, failed: 0 });
    expect(
      (await prisma.shopifyToken.findUniqueOrThrow({ where: { shopId: due.shopId } })).refreshTokenExpiresAt!.getTime(),
    ).toBeGreaterThan(Date.now() + 30 * 24 * 60 * 60_000);
    expect((await prisma.shopifyToken.findUniqueOrThrow({ where: { shopId: gone.shopId } })).revokedAt).toBeInstanceOf(
      Date,
    );
  });
});
