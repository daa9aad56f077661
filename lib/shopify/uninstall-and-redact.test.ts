import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { issuedSecrets, spyOnConsole, startTestShopifyStandin } from "@/lib/testing/start-test-shopify-standin";
import { appUninstalledPayload, shopRedactPayload } from "./webhook-payloads";
import { installFromSessionToken } from "./install-from-session-token";
import { processShopifyWebhook } from "./process-shopify-webhook";
import { verifySessionToken } from "./verify-session-token";
import { storeWebhookEvent } from "./webhook-test-helpers";

let standin: Awaited<ReturnType<typeof startTestShopifyStandin>>;
const consoleText = spyOnConsole();

beforeAll(async () => {
  standin = await startTestShopifyStandin();
});
afterAll(async () => {
  for (const secret of issuedSecrets(standin.state)) expect(consoleText.text()).not.toContain(secret);
  await standin.close();
});

async function installedShop() {
  const { shopId, store } = await standin.installedShop();
  return { shop: await prisma.shop.findUniqueOrThrow({ where: { id: shopId } }), store };
}

async function processWebhook(shop: { id: string; domain: string }, topic: string, payload: unknown) {
  const event = await storeWebhookEvent(shop, topic, payload);
  return processShopifyWebhook(event.id);
}

describe("app/uninstalled", () => {
  it("a forged or replayed uninstall for a shop whose token still works changes nothing and is audited", async () => {
    const { shop } = await installedShop();
    const result = await processWebhook(shop, "app/uninstalled", appUninstalledPayload({ shopDomain: shop.domain }));
    expect(result).toMatchObject({ outcome: "processed", detail: { ignored: expect.stringMatching(/still accepts/) } });
    const after = await prisma.shop.findUniqueOrThrow({ where: { id: shop.id }, include: { shopifyToken: true } });
    expect(after.uninstalledAt).toBeNull();
    expect(after.shopifyToken!.revokedAt).toBeNull();
    expect(await prisma.auditLog.count({ where: { shopId: shop.id, action: "shop.uninstall_ignored" } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { shopId: shop.id, action: "shop.uninstalled" } })).toBe(0);
  });

  it("an uninstall Shopify confirms (it refuses the token) stops the shop and deletes its tokens; reinstall restores it with its data", async () => {
    const { shop, store } = await installedShop();
    await prisma.integration.create({
      data: {
        provider: "POSTSCRIPT",
        shopId: shop.id,
        encryptedKey: "v1.x.y.z",
        keyLast4: "9f3a",
        verification: "VERIFIED",
        enabled: true,
      },
    });
    await prisma.product.create({
      data: { shopId: shop.id, shopifyProductId: "9100000001", title: "Kept product", handle: "kept-product" },
    });
    await fetch(
      `${standin.url}/store/${store.domain.replace(".myshopify.com", "")}/apps/${process.env.SHOPIFY_API_KEY}/uninstall`,
      { method: "POST", redirect: "manual" },
    );
    expect(standin.state.webhooks.filter((w) => w.shop === store.domain).map((w) => w.topic)).toEqual([
      "app/uninstalled",
    ]);

    const result = await processWebhook(shop, "app/uninstalled", appUninstalledPayload({ shopDomain: shop.domain }));
    expect(result).toMatchObject({
      outcome: "processed",
      detail: { alreadyUninstalled: false, postscriptKeyDeleted: true, shopifyTokenRevoked: true },
    });
    const after = await prisma.shop.findUniqueOrThrow({ where: { id: shop.id }, include: { shopifyToken: true } });
    expect(after.uninstalledAt).toBeInstanceOf(Date);
    expect(after.shopifyToken).toMatchObject({
      encryptedAccessToken: "",
      encryptedRefreshToken: null,
      revokedAt: expect.any(Date),
    });
    expect(await prisma.auditLog.findFirst({ where: { shopId: shop.id, action: "shop.uninstalled" } })).toMatchObject({
      metadata: { confirmedBy: "refused" },
    });

    standin.state.install(store.domain, env().SCOPES);
    const again = await installFromSessionToken(
      await verifySessionToken(await standin.sessionToken(store.domain, store.owner)),
    );
    expect(again).toEqual({ shopId: shop.id, installed: true });
    const restored = await prisma.shop.findUniqueOrThrow({ where: { id: shop.id }, include: { shopifyToken: true } });
    expect(restored.uninstalledAt).toBeNull();
    expect(restored.shopifyToken!.revokedAt).toBeNull();
    expect(await prisma.product.count({ where: { shopId: shop.id } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { shopId: shop.id, action: "shop.reinstalled" } })).toBe(1);
  });
});

describe("shop/redact", () => {
  it("is refused for an installed shop and for one uninstalled less than 48 hours ago, with an audit line", async () => {
    const { shop } = await installedShop();
    expect(await processWebhook(shop, "shop/redact", shopRedactPayload({ shopDomain: shop.domain }))).toMatchObject({
      detail: { deleted: false, refused: "the app is installed" },
    });
    await prisma.shop.update({ where: { id: shop.id }, data: { uninstalledAt: new Date(Date.now() - 47 * 3600_000) } });
    expect(await processWebhook(shop, "shop/redact", shopRedactPayload({ shopDomain: shop.domain }))).toMatchObject({
      detail: { deleted: false, refused: "uninstalled less than 48 hours ago" },
    });
    expect(await prisma.shop.count({ where: { id: shop.id } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { shopId: shop.id, action: "gdpr.shop_redact_refused" } })).toBe(2);
  });

  it("deletes a shop uninstalled 48 hours ago, its tokens with it", async () => {
    const { shop } = await installedShop();
    await prisma.shop.update({
      where: { id: shop.id },
      data: { uninstalledAt: new Date(Date.now() - 48 * 3600_000 - 1000) },
    });
    expect(await processWebhook(shop, "shop/redact", shopRedactPayload({ shopDomain: shop.domain }))).toMatchObject({
      detail: { deleted: true },
    });
    expect(await prisma.shop.count({ where: { id: shop.id } })).toBe(0);
    expect(await prisma.shopifyToken.count({ where: { shopId: shop.id } })).toBe(0);
  });
});
