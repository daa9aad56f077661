import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createShop } from "@/lib/testing/fixtures";
import { consentDisclosure, missingFromDisclosure } from "./consent-disclosure";
import { createCatalogVariant, postSignup, randomPhone } from "./storefront-test-helpers";

async function setup() {
  const shop = await createShop();
  const variant = await createCatalogVariant(shop.id);
  return { shop, variant };
}

describe("SMS consent at storefront signup", () => {
  it("the disclosure states purpose, frequency, rates, STOP and HELP", () => {
    const text = consentDisclosure({ name: "Northwind" });
    expect(text).toContain("Northwind");
    expect(text).toContain("back-in-stock alert");
    expect(text).toContain("at most one reminder");
    expect(text).toContain("Msg & data rates may apply");
    expect(missingFromDisclosure(text)).toBeNull();
    expect(missingFromDisclosure("Get texts from us!")).toBe(
      "that message and data rates may apply, how to opt out (reply STOP), how to get help (reply HELP)",
    );
  });

  it("records the exact text shown, the time, the IP and the page", async () => {
    const { shop, variant } = await setup();
    const phone = randomPhone();
    const consentText = consentDisclosure(shop);
    const before = new Date();
    const res = await postSignup(
      shop.domain,
      {
        variantId: variant.shopifyVariantId,
        phone: phone.typed,
        smsConsent: true,
        consentText,
        pageUrl: "https://shop.test/products/tee",
      },
      { address: "198.51.100.7" },
    );
    expect(res.status).toBe(201);
    const [consent] = await prisma.smsSignupConsent.findMany({ where: { shopId: shop.id } });
    expect(consent).toMatchObject({
      phone: phone.e164,
      consentText,
      ipAddress: "198.51.100.7",
      pageUrl: "https://shop.test/products/tee",
    });
    expect(consent!.consentedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000);
  });

  it("takes the page from the Referer when the signup does not name one", async () => {
    const { shop, variant } = await setup();
    const phone = randomPhone();
    const res = await postSignup(
      shop.domain,
      {
        variantId: variant.shopifyVariantId,
        phone: phone.typed,
        smsConsent: true,
        consentText: consentDisclosure(shop),
      },
      { headers: { referer: "https://shop.test/products/cap" } },
    );
    expect(res.status).toBe(201);
    expect(await prisma.smsSignupConsent.findFirst({ where: { shopId: shop.id } })).toMatchObject({
      pageUrl: "https://shop.test/products/cap",
    });
  });

  it("refuses a phone without consent, or with a disclosure missing what it must state, and stores nothing", async () => {
    const { shop, variant } = await setup();
    const phone = randomPhone();
    const noBox = await postSignup(shop.domain, {
      variantId: variant.shopifyVariantId,
      phone: phone.typed,
      smsConsent: false,
    });
    expect(noBox).toMatchObject({
      status: 400,
      body: {
        status: "error",
        code: "BAD_REQUEST",
        field: "smsConsent",
        message: "Tick the box to agree to receive texts about this item, or leave only your email.",
      },
    });
    const noText = await postSignup(shop.domain, {
      variantId: variant.shopifyVariantId,
      phone: phone.typed,
      smsConsent: true,
    });
    expect(noText).toMatchObject({ status: 400, body: { field: "consentText" } });
    const weak = await postSignup(shop.domain, {
      variantId: variant.shopifyVariantId,
      phone: phone.typed,
      smsConsent: true,
      consentText: "We'll text you. Reply STOP to stop.",
    });
    expect(weak.body.message).toBe(
      "This signup form's text consent is incomplete (it must state that message and data rates may apply, how to get help (reply HELP)). Please tell the store.",
    );
    expect(await prisma.waitlistEntry.count({ where: { shopId: shop.id } })).toBe(0);
    expect(await prisma.smsSignupConsent.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("an email-only signup needs no SMS consent", async () => {
    const { shop, variant } = await setup();
    const res = await postSignup(shop.domain, { variantId: variant.shopifyVariantId, email: "ana@example.com" });
    expect(res.status).toBe(201);
    expect(await prisma.smsSignupConsent.count({ where: { shopId: shop.id } })).toBe(0);
  });
});
