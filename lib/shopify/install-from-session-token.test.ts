import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { issuedSecrets, spyOnConsole, startTestShopifyStandin } from "@/lib/testing/start-test-shopify-standin";
import { installFromSessionToken } from "./install-from-session-token";
import { staffFromSessionToken } from "./staff-from-session-token";
import { verifySessionToken } from "./verify-session-token";

let standin: Awaited<ReturnType<typeof startTestShopifyStandin>>;
const consoleText = spyOnConsole();

beforeAll(async () => {
  standin = await startTestShopifyStandin();
});
afterEach(() => standin.state.setFaults({ down: false, throttle: false }));
afterAll(async () => {
  for (const secret of issuedSecrets(standin.state)) expect(consoleText.text()).not.toContain(secret);
  await standin.close();
});

const installedStore = () => standin.installedStore();

async function verified(shop: string, userId: string) {
  return verifySessionToken(await standin.sessionToken(shop, userId));
}

describe("installFromSessionToken", () => {
  it("installs a shop with Shopify's name, currency, time zone and email, storing an encrypted expiring token; the next load calls nobody", async () => {
    const store = await installedStore();
    const first = await installFromSessionToken(await verified(store.domain, store.owner));
    expect(first.installed).toBe(true);

    const shop = await prisma.shop.findUniqueOrThrow({
      where: { domain: store.domain },
      include: { shopifyToken: true },
    });
    expect(shop).toMatchObject({
      id: first.shopId,
      name: store.name,
      currency: "CAD",
      timeZone: "America/Toronto",
      ownerEmail: store.email,
      plan: "FREE",
      uninstalledAt: null,
    });
    expect(shop.shopifyShopId).toMatch(/^gid:\/\/shopify\/Shop\/\d+$/);
    const token = shop.shopifyToken!;
    expect(token.encryptedAccessToken).not.toContain("shpat_");
    expect(token.encryptedRefreshToken).not.toContain("shprt_");
    expect(decryptSecret(token.encryptedAccessToken)).toMatch(/^shpat_/);
    expect(token.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(token.refreshTokenExpiresAt).toBeInstanceOf(Date);
    expect(await prisma.auditLog.count({ where: { shopId: shop.id, action: "shop.installed" } })).toBe(1);

    const calls = { ...standin.state.calls };
    const second = await installFromSessionToken(await verified(store.domain, store.staffMember));
    expect(second).toEqual({ shopId: first.shopId, installed: false });
    expect(standin.state.calls).toEqual(calls);
  });

  it("two first loads at once make one shop and one token", async () => {
    const store = await installedStore();
    const [a, b] = await Promise.all([
      installFromSessionToken(await verified(store.domain, store.owner)),
      installFromSessionToken(await verified(store.domain, store.staffMember)),
    ]);
    expect(a.shopId).toBe(b.shopId);
    expect([a.installed, b.installed].sort()).toEqual([false, true]);
    expect(await prisma.shop.count({ where: { domain: store.domain } })).toBe(1);
    expect(await prisma.shopifyToken.count({ where: { shopId: a.shopId } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { shopId: a.shopId, action: "shop.installed" } })).toBe(1);
  });

  it("Shopify down during install: a clear error and nothing created", async () => {
    const store = await installedStore();
    const token = await verified(store.domain, store.owner);
    standin.state.setFaults({ down: true });
    const error = await installFromSessionToken(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "UPSTREAM",
      message: "Shopify did not answer while installing Signalboard, try again.",
    });
    expect(await prisma.shop.count({ where: { domain: store.domain } })).toBe(0);
  });

  it("Shopify refusing the exchange (app not installed on the store): a clear error and nothing created", async () => {
    const store = standin.newStore();
    const error = await installFromSessionToken(await verified(store.domain, store.owner)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/Shopify refused/) });
    expect(await prisma.shop.count({ where: { domain: store.domain } })).toBe(0);
  });
});

describe("staffFromSessionToken", () => {
  it("reads the signed-in staff member from an online token without storing it", async () => {
    const store = await installedStore();
    const { shopId } = await installFromSessionToken(await verified(store.domain, store.owner));
    const stored = await prisma.shopifyToken.findUniqueOrThrow({ where: { shopId } });

    const staff = await staffFromSessionToken(await verified(store.domain, store.staffMember));
    expect(staff).toEqual({
      shopifyUserId: store.staffMember,
      email: store.staff[1]!.email.toLowerCase(),
      firstName: "Sam",
      lastName: "Staff",
      accountOwner: false,
      emailVerified: true,
    });
    expect(await staffFromSessionToken(await verified(store.domain, store.owner))).toMatchObject({
      shopifyUserId: store.owner,
      accountOwner: true,
    });
    const online = [...standin.state.tokens.entries()].filter(
      ([, t]) => t.shop === store.domain && t.kind === "online",
    );
    expect(online).toHaveLength(2);
    const after = await prisma.shopifyToken.findUniqueOrThrow({ where: { shopId } });
    expect(after.encryptedAccessToken).toBe(stored.encryptedAccessToken);
    expect(decryptSecret(after.encryptedAccessToken)).toMatch(/^shpat_/);
  });
});
