import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { processShopifyWebhook } from "@/lib/shopify/process-shopify-webhook";
import { storeWebhookEvent } from "@/lib/shopify/webhook-test-helpers";
import { issuedSecrets, spyOnConsole, startTestShopifyStandin } from "@/lib/testing/start-test-shopify-standin";
import { cancelPaidPlan } from "./cancel-paid-plan";
import { PLANS } from "./plans";
import { requestPaidPlan } from "./request-paid-plan";
import { syncShopPlan } from "./sync-shop-plan";

let standin: Awaited<ReturnType<typeof startTestShopifyStandin>>;
const consoleText = spyOnConsole();

beforeAll(async () => {
  standin = await startTestShopifyStandin();
});
afterAll(async () => {
  for (const secret of issuedSecrets(standin.state)) expect(consoleText.text()).not.toContain(secret);
  await standin.close();
});

const installedShop = () => standin.installedShop();

/** The merchant's decision on the stand-in's confirmation page, posted as the page's form would. */
async function decide(confirmationUrl: string, decision: "approve" | "decline"): Promise<URL> {
  const page = await fetch(confirmationUrl);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(PLANS.PAID.name);
  const answer = await fetch(confirmationUrl, {
    method: "POST",
    body: new URLSearchParams({ decision }),
    redirect: "manual",
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get("location")!);
}

describe("billing through the Shopify Billing API", () => {
  it("request → approve → PAID → cancel → FREE", async () => {
    const { shopId, store } = await installedShop();
    expect((await prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).plan).toBe("FREE");

    const returnUrl = `${standin.appUrl}/shops/${shopId}/billing/return`;
    const confirmationUrl = await requestPaidPlan(shopId, returnUrl);
    expect(confirmationUrl.startsWith(`${standin.url}/shops/${store.domain}/admin/charges/`)).toBe(true);
    const [pending] = standin.state.storeSubscriptions(store.domain);
    expect(pending).toMatchObject({
      name: PLANS.PAID.name,
      status: "PENDING",
      test: true,
      price: { amount: PLANS.PAID.price.toFixed(2), currencyCode: PLANS.PAID.currencyCode },
    });

    const back = await decide(confirmationUrl, "approve");
    expect(`${back.origin}${back.pathname}`).toBe(returnUrl);
    expect(back.searchParams.get("charge_id")).toBe(pending!.id.split("/").pop());
    expect(await syncShopPlan(shopId)).toBe("PAID");
    expect((await prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).plan).toBe("PAID");

    await cancelPaidPlan(shopId);
    expect((await prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).plan).toBe("FREE");
    expect(standin.state.storeSubscriptions(store.domain).map((s) => s.status)).toEqual(["CANCELLED"]);
  });

  it("a declined charge leaves the shop FREE", async () => {
    const { shopId } = await installedShop();
    await decide(await requestPaidPlan(shopId, `${standin.appUrl}/return`), "decline");
    expect(await syncShopPlan(shopId)).toBe("FREE");
  });

  it("the app_subscriptions/update webhook the stand-in sends brings Shop.plan in line with Shopify", async () => {
    const { shopId, store } = await installedShop();
    await decide(await requestPaidPlan(shopId, `${standin.appUrl}/return`), "approve");
    const sent = standin.state.webhooks.filter(
      (w) => w.shop === store.domain && w.topic === "app_subscriptions/update",
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload).toMatchObject({ app_subscription: { status: "ACTIVE", name: PLANS.PAID.name } });

    const shop = await prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    expect(shop.plan).toBe("FREE");
    const event = await storeWebhookEvent(shop, "app_subscriptions/update", sent[0]!.payload);
    expect(await processShopifyWebhook(event.id)).toMatchObject({ outcome: "processed", detail: { plan: "PAID" } });
    expect((await prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).plan).toBe("PAID");
  });
});
