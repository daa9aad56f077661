import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { issuedSecrets, spyOnConsole, startTestShopifyStandin } from "@/lib/testing/start-test-shopify-standin";
import { adminGraphql } from "./admin-graphql";
import { offlineAccessToken } from "./offline-access-token";
import { findTokensToRefresh, refreshExpiringTokens } from "./refresh-expiring-tokens";

let standin: Awaited<ReturnType<typeof startTestShopifyStandin>>;
const consoleText = spyOnConsole();

beforeAll(async () => {
  standin = await startTestShopifyStandin();
});
afterEach(() => standin.state.setFaults({ down: false }));
afterAll(async () => {
  for (const secret of issuedSecrets(standin.state)) expect(consoleText.text()).not.toContain(secret);
  await standin.close();
});

const installedShop = () => standin.installedShop();

/** Makes the stored token look about to expire, as it would 58 minutes after it was issued. */
async function nearExpiry(shopId: string) {
  await prisma.shopifyToken.update({
    where: { shopId },
    data: { accessTokenExpiresAt: new Date(Date.now() + 60_000) },
  });
}

const SHOP_QUERY = `#graphql
  query { shop { id name } }`;

describe("offlineAccessToken", () => {
  it("returns the stored token while it is fresh, without calling Shopify", async () => {
    const { shopId } = await installedShop();
    const refreshes = standin.state.calls.refresh;
    const stored = await prisma.shopifyToken.findUniqueOrThrow({ where: { shopId } });
    expect(await offlineAccessToken(shopId)).toBe(decryptSecret(stored.encryptedAccessToken));
    expect(standin.state.calls.refresh).toBe(refreshes);
  });

  it("refreshes a token before it expires and stores the rotated pair", async () => {
    const { shopId } = await installedShop();
    const before = await prisma.shopifyToken.findUniqueOrThrow({ where: { shopId } });
    await nearExpiry(shopId);
    const refreshes = standin.state.calls.refresh;
    const token = await offlineAccessToken(shopId);
    expect(standin.state.calls.refresh).toBe(refreshes + 1);
    expect(token).not.toBe(decryptSecret(before.encryptedAccessToken));
    const after = await prisma.shopifyToken.findUniqueOrThrow({ where: { shopId } });
    expect(decryptSecret(after.encryptedAccessToken)).toBe(token);
    expect(decryptSecret(after.encryptedRefreshToken!)).not.toBe(decryptSecret(before.encryptedRefreshToken!));
    expect(after.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    await expect(adminGraphql(shopId, SHOP_QUERY)).resolves.toMatchObject({ shop: { name: expect.any(String) } });
  });

  it("two concurrent refreshes make one refresh call and both get the new token", async () => {
    const { shopId } = await installedShop();
    await nearExpiry(shopId);
    const refreshes = standin.state.calls.refresh;
    const [a, b, c] = await Promise.all([
      offlineAccessToken(shopId),
      offlineAccessToken(shopId),
      refreshExpiringTokens([shopId]),
    ]);
    expect(standin.state.calls.refresh).toBe(refreshes + 1);
    expect(a).toBe(b);
    expect(c.revoked).toBe(0);
    const stored = await prisma.shopifyToken.findUniqueOrThrow({ where: { shopId } });
    expect(stored.revokedAt).toBeNull();
    expect(decryptSecret(stored.encryptedAccessToken)).toBe(a);
    await expect(adminGraphql(shopId, SHOP_QUERY)).resolves.toBeDefined();
  });

  it("a refused refresh marks the token revoked and asks the merchant to reopen the app", async () => {
    const { shopId, store } = await installedShop();
    await fetch(`${standin.url}/standin/stores/${store.domain}/revoke`, { method: "POST" });
    await nearExpiry(shopId);
    await expect(offlineAccessToken(shopId)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: expect.stringMatching(/reconnect/),
    });
    const stored = await prisma.shopifyToken.findUniqueOrThrow({ where: { shopId } });
    expect(stored.revokedAt).toBeInstanceOf(Date);
    expect(stored.encryptedRefreshToken).toBeNull();
  });

  it("the background job rotates tokens whose refresh token nears its lapse and leaves the others alone", async () => {
    const due = await installedShop();
    const fresh = await installedShop();
    // An access token that expires soon is not the job's business: the shop's next call refreshes it.
    await nearExpiry(fresh.shopId);
    const freshBefore = await prisma.shopifyToken.findUniqueOrThrow({ where: { shopId: fresh.shopId } });
    await prisma.shopifyToken.update({
      where: { shopId: due.shopId },
      data: { refreshTokenExpiresAt: new Date(Date.now() + 24 * 60 * 60_000) },
    });
    // Other test files share the database: look only at this test's shops.
    const found = (await findTokensToRefresh()).filter((id) => id === due.shopId || id === fresh.shopId);
    expect(found).toEqual([due.shopId]);
    expect(await refreshExpiringTokens([due.shopId])).toEqual({ due: 1, live: 1, revoked: 0, failed: 0 });
    const dueAfter = await prisma.shopifyToken.findUniqueOrThrow({ where: { shopId: due.shopId } });
    expect(dueAfter.refreshTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 30 * 24 * 60 * 60_000);
    expect(dueAfter.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(await prisma.shopifyToken.findUniqueOrThrow({ where: { shopId: fresh.shopId } })).toEqual(freshBefore);
    // The next run finds nothing to do for it.
    expect((await findTokensToRefresh()).filter((id) => id === due.shopId)).toEqual([]);
  });
});

describe("adminGraphql", () => {
  it("a token Shopify refuses (401) is marked revoked", async () => {
    const { shopId, store } = await installedShop();
    await fetch(`${standin.url}/standin/stores/${store.domain}/revoke`, { method: "POST" });
    const error = await adminGraphql(shopId, SHOP_QUERY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "UNAUTHENTICATED",
      message: expect.stringMatching(/open Signalboard from your Shopify admin/),
    });
    expect((await prisma.shopifyToken.findUniqueOrThrow({ where: { shopId } })).revokedAt).toBeInstanceOf(Date);
    await expect(adminGraphql(shopId, SHOP_QUERY)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("an unknown field is answered with Shopify's validation error", async () => {
    const { shopId } = await installedShop();
    await expect(adminGraphql(shopId, "query { shop { id nope } }")).rejects.toMatchObject({
      code: "UPSTREAM",
      message: "Shopify refused the request: Field 'nope' doesn't exist on type 'Shop'",
    });
  });

  it("Shopify down: UPSTREAM, try again", async () => {
    const { shopId } = await installedShop();
    standin.state.setFaults({ down: true });
    await expect(adminGraphql(shopId, SHOP_QUERY)).rejects.toMatchObject({
      code: "UPSTREAM",
      message: "Shopify did not answer, try again in a minute.",
    });
    expect((await prisma.shopifyToken.findUniqueOrThrow({ where: { shopId } })).revokedAt).toBeNull();
  });
});
