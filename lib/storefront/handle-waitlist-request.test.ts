import { describe, expect, it } from "vitest";
import { OPTIONS } from "@/app/api/storefront/waitlist/route";
import { prisma } from "@/lib/db/prisma";
import { computeAppProxySignature } from "@/lib/shopify/verify-app-proxy";
import { createShop } from "@/lib/testing/fixtures";
import { handleWaitlistRequest, WAITLIST_MAX_BODY_BYTES } from "./handle-waitlist-request";
import { signAppProxyQuery } from "./sign-app-proxy-query";
import { createCatalogVariant, postSignup, randomAddress, randomPhone, signupRequest } from "./storefront-test-helpers";
import { WAITLIST_LIMITS } from "./waitlist-throttle";

const SECRET = () => process.env.SHOPIFY_API_SECRET!;
const entries = (shopId: string) => prisma.waitlistEntry.findMany({ where: { shopId }, orderBy: { createdAt: "asc" } });

async function setup(options: { available?: number; timeZone?: string; currency?: string } = {}) {
  const shop = await createShop();
  if (options.timeZone || options.currency) {
    await prisma.shop.update({
      where: { id: shop.id },
      data: { timeZone: options.timeZone, currency: options.currency },
    });
  }
  const variant = await createCatalogVariant(shop.id, { available: options.available });
  return { shop, variant, domain: shop.domain };
}

describe("joining the waitlist from the storefront", () => {
  it("creates one WAITING entry with the phone in E.164 and answers 201 joined", async () => {
    const { shop, variant, domain } = await setup();
    const res = await postSignup(domain, {
      variantId: Number(variant.shopifyVariantId),
      phone: "(415) 555-2671",
      email: " Ana@Example.COM ",
      name: " Ana  Lima ",
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      status: "joined",
      message: "You're on the waitlist! We'll let you know as soon as it's back in stock.",
    });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(await entries(shop.id)).toMatchObject([
      {
        variantId: variant.id,
        customerKey: "+14155552671",
        phone: "+14155552671",
        email: "ana@example.com",
        name: "Ana Lima",
        channel: "storefront",
        status: "WAITING",
        // Built-in SMS is the default provider: nothing to sync with Postscript.
        postscriptSync: "NOT_NEEDED",
        postscriptSyncAttempts: 0,
      },
    ]);
  });

  it("stores the logged-in Shopify customer the proxy names, as a string (ids can exceed 2^53), and keeps it", async () => {
    const { shop, variant, domain } = await setup();
    const customerId = "9007199254740993"; // 2^53 + 1: a JavaScript number would round it
    const signedIn = signAppProxyQuery({ shop: domain, loggedInCustomerId: customerId }, SECRET());
    const body = { variantId: variant.shopifyVariantId, email: "kai@example.com" };
    expect((await postSignup(domain, body, { query: signedIn })).status).toBe(201);
    expect(await entries(shop.id)).toMatchObject([{ email: "kai@example.com", shopifyCustomerId: customerId }]);

    // The same shopper again while logged out: still the customer we knew.
    expect((await postSignup(domain, body)).status).toBe(200);
    expect(await entries(shop.id)).toMatchObject([{ shopifyCustomerId: customerId }]);

    const other = await createCatalogVariant(shop.id);
    await postSignup(domain, { variantId: other.shopifyVariantId, email: "guest@example.com" });
    expect((await entries(shop.id)).find((e) => e.variantId === other.id)?.shopifyCustomerId).toBeNull();
  });

  it("keeps one entry when the same customer joins twice, updating their details", async () => {
    const { shop, variant, domain } = await setup();
    const phone = randomPhone();
    expect(
      (await postSignup(domain, { variantId: variant.shopifyVariantId, phone: phone.typed, name: "Ana" })).status,
    ).toBe(201);
    const again = await postSignup(domain, {
      variantId: variant.shopifyVariantId,
      phone: phone.e164,
      email: "ana@example.com",
      name: "Ana Lima",
    });
    expect(again).toMatchObject({
      status: 200,
      body: { status: "already_waiting", message: expect.stringMatching(/^You're already on the waitlist/) },
    });
    expect(await entries(shop.id)).toMatchObject([
      { customerKey: phone.e164, email: "ana@example.com", name: "Ana Lima", status: "WAITING" },
    ]);

    // Leaving out a field keeps what was given before.
    await postSignup(domain, { variantId: variant.shopifyVariantId, phone: phone.typed });
    expect(await entries(shop.id)).toMatchObject([{ email: "ana@example.com", name: "Ana Lima" }]);

    // A removed entry comes back to WAITING as a new join, still one row.
    await prisma.waitlistEntry.updateMany({ where: { shopId: shop.id }, data: { status: "REMOVED" } });
    expect((await postSignup(domain, { variantId: variant.shopifyVariantId, phone: phone.typed })).body).toMatchObject({
      status: "joined",
    });
    expect(await entries(shop.id)).toMatchObject([{ status: "WAITING" }]);
  });

  it("treats an email joining twice (any case) as one customer, and re-keys the entry on a phone added later", async () => {
    const { shop, variant, domain } = await setup();
    await postSignup(domain, { variantId: variant.shopifyVariantId, email: "Bo@Example.com" });
    expect((await postSignup(domain, { variantId: variant.shopifyVariantId, email: "bo@example.COM" })).status).toBe(
      200,
    );
    expect(await entries(shop.id)).toMatchObject([{ customerKey: "bo@example.com", phone: null }]);

    const res = await postSignup(domain, {
      variantId: variant.shopifyVariantId,
      email: "bo@example.com",
      phone: "+1 415 555 2671",
    });
    expect(res.body).toMatchObject({ status: "already_waiting" });
    expect(await entries(shop.id)).toMatchObject([
      { customerKey: "+14155552671", phone: "+14155552671", email: "bo@example.com" },
    ]);
  });

  it("is one entry when the same signup arrives twice at once", async () => {
    const { shop, variant, domain } = await setup();
    const body = { variantId: variant.shopifyVariantId, phone: randomPhone().typed };
    const results = await Promise.all([postSignup(domain, body), postSignup(domain, body), postSignup(domain, body)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(await entries(shop.id)).toHaveLength(1);
  });

  it("accepts the variant id as a number, a string or an Admin API GID, and each variant has its own entry", async () => {
    const { shop, variant, domain } = await setup();
    const other = await createCatalogVariant(shop.id, { variantTitle: "Red / 10" });
    const phone = randomPhone().typed;
    expect(
      (await postSignup(domain, { variantId: `gid://shopify/ProductVariant/${variant.shopifyVariantId}`, phone }))
        .status,
    ).toBe(201);
    expect((await postSignup(domain, { variantId: Number(other.shopifyVariantId), phone })).status).toBe(201);
    expect((await entries(shop.id)).map((e) => e.variantId).sort()).toEqual([variant.id, other.id].sort());
  });

  it("stores a name with markup as plain text, and drops control characters", async () => {
    const { shop, variant, domain } = await setup();
    const name = `<script>alert("x")</script><img src=x onerror=alert(1)> & "Zoë"`;
    expect(
      (await postSignup(domain, { variantId: variant.shopifyVariantId, email: "x@example.com", name })).status,
    ).toBe(201);
    expect(
      (
        await postSignup(domain, {
          variantId: variant.shopifyVariantId,
          email: "y@example.com",
          name: "Null\u0000Byte\nNew\tLine",
        })
      ).status,
    ).toBe(201);
    expect((await entries(shop.id)).map((e) => e.name)).toEqual([name, "Null Byte New Line"]);
  });

  it("reads a number without a country code in the shop's country", async () => {
    const { shop, variant, domain } = await setup({ timeZone: "Europe/London", currency: "GBP" });
    expect((await postSignup(domain, { variantId: variant.shopifyVariantId, phone: "07911 123456" })).status).toBe(201);
    expect(await entries(shop.id)).toMatchObject([{ phone: "+447911123456" }]);
    const refused = await postSignup(domain, { variantId: variant.shopifyVariantId, phone: "12" });
    expect(refused.body.message).toMatch(/if it isn't a United Kingdom number/);
  });

  it("joins when stock is at or below the shop's threshold", async () => {
    const { shop, domain } = await setup();
    await prisma.backInStockSettings.create({ data: { shopId: shop.id, threshold: 3 } });
    const variant = await createCatalogVariant(shop.id, { available: 3 });
    expect((await postSignup(domain, { variantId: variant.shopifyVariantId, email: "t@example.com" })).status).toBe(
      201,
    );
  });
});

describe("what the waitlist endpoint refuses, changing nothing", () => {
  async function expectNothingStored(shopId: string) {
    expect(await entries(shopId)).toEqual([]);
  }

  it("refuses a missing, wrong or tampered signature with 401", async () => {
    const { shop, variant, domain } = await setup();
    const body = { variantId: variant.shopifyVariantId, email: "a@example.com" };
    const signed = signAppProxyQuery({ shop: domain }, SECRET());

    const missing = new URLSearchParams(signed);
    missing.delete("signature");
    const wrongSecret = signAppProxyQuery({ shop: domain }, "not-the-secret");
    const tampered = new URLSearchParams(signed);
    tampered.set("logged_in_customer_id", "999");
    for (const query of [missing, wrongSecret, tampered, new URLSearchParams({ shop: domain })]) {
      const res = await postSignup(domain, body, { query });
      expect(res).toMatchObject({
        status: 401,
        body: {
          status: "error",
          code: "UNAUTHENTICATED",
          message: "We couldn't verify this request. Refresh the page and try again.",
        },
      });
    }
    await expectNothingStored(shop.id);
  });

  it("refuses a replayed (expired) or future-dated signature with 401", async () => {
    const { shop, variant, domain } = await setup();
    const body = { variantId: variant.shopifyVariantId, email: "a@example.com" };
    for (const offset of [-6 * 60_000, -24 * 3_600_000, 5 * 60_000]) {
      const query = signAppProxyQuery({ shop: domain, now: new Date(Date.now() + offset) }, SECRET());
      const res = await postSignup(domain, body, { query });
      expect(res).toMatchObject({
        status: 401,
        body: { message: "This page has been open for a while. Refresh it and try again." },
      });
    }
    await expectNothingStored(shop.id);
  });

  it("refuses a body over 16 KB with 413, whether declared or streamed", async () => {
    const { shop, variant, domain } = await setup();
    const big = {
      variantId: variant.shopifyVariantId,
      email: "a@example.com",
      name: "x".repeat(WAITLIST_MAX_BODY_BYTES),
    };
    const declared = await postSignup(domain, big);
    expect(declared).toMatchObject({
      status: 413,
      body: { code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/too large/) },
    });

    // Chunked, with no content-length to trust.
    const text = new TextEncoder().encode(JSON.stringify(big));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < text.length; i += 4096) controller.enqueue(text.slice(i, i + 4096));
        controller.close();
      },
    });
    const query = signAppProxyQuery({ shop: domain }, SECRET());
    const streamed = await handleWaitlistRequest(
      new Request(`http://app.test/api/storefront/waitlist?${query}`, {
        method: "POST",
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    // Size is checked before the signature: an oversized unsigned body is 413 too.
    expect((await postSignup(domain, big, { query: new URLSearchParams({ shop: domain }) })).status).toBe(413);
    await expectNothingStored(shop.id);
  });

  it("refuses an unknown or uninstalled shop with 404", async () => {
    const { shop, variant, domain } = await setup();
    const body = { variantId: variant.shopifyVariantId, email: "a@example.com" };
    const unknown = await postSignup("no-such-shop.myshopify.com", body);
    expect(unknown).toMatchObject({
      status: 404,
      body: { code: "NOT_FOUND", message: "This store isn't taking waitlist signups right now." },
    });
    await prisma.shop.update({ where: { id: shop.id }, data: { uninstalledAt: new Date() } });
    expect((await postSignup(domain, body)).status).toBe(404);
    await expectNothingStored(shop.id);
  });

  it("refuses malformed JSON and malformed fields with 400", async () => {
    const { shop, variant, domain } = await setup();
    const id = variant.shopifyVariantId;
    const cases: [unknown, RegExp][] = [
      ["{not json", /couldn't read your signup/],
      ["", /couldn't read your signup/],
      ["[1,2]", /couldn't read your signup/],
      ["null", /couldn't read your signup/],
      [{ phone: "+14155552671" }, /Choose a product option/],
      [{ variantId: "abc", phone: "+14155552671" }, /product option isn't valid/],
      [{ variantId: -4, phone: "+14155552671" }, /product option isn't valid/],
      [{ variantId: id, phone: 4155552671 }, /doesn't look right/],
      [{ variantId: id, email: "a@example.com", name: "n".repeat(101) }, /100 characters or fewer/],
      [{ variantId: id, email: "a@example.com", name: { first: "A" } }, /name must be text/],
    ];
    for (const [body, message] of cases) {
      const res = await postSignup(domain, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message, JSON.stringify(body)).toMatch(message);
    }
    // Exactly 100 characters (counted as characters, not UTF-16 units) is fine.
    expect(
      (await postSignup(domain, { variantId: id, email: "a@example.com", name: "é".repeat(99) + "😀" })).status,
    ).toBe(201);
    expect(await entries(shop.id)).toHaveLength(1);
  });

  it("refuses a body that is not UTF-8 with 400", async () => {
    const { shop, domain } = await setup();
    const query = signAppProxyQuery({ shop: domain }, SECRET());
    const res = await handleWaitlistRequest(
      new Request(`http://app.test/api/storefront/waitlist?${query}`, {
        method: "POST",
        body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      }),
    );
    expect(res.status).toBe(400);
    await expectNothingStored(shop.id);
  });

  it("asks for a phone or an email", async () => {
    const { shop, variant, domain } = await setup();
    for (const body of [
      { variantId: variant.shopifyVariantId },
      { variantId: variant.shopifyVariantId, phone: "  ", email: "", name: "Ana" },
    ]) {
      const res = await postSignup(domain, body);
      expect(res).toMatchObject({
        status: 400,
        body: {
          field: "contact",
          message: "Enter a phone number or an email address so we can tell you when it's back.",
        },
      });
    }
    await expectNothingStored(shop.id);
  });

  it.each([
    "12",
    "+1 555",
    "555",
    "abc",
    "415-CALL-NOW",
    "+15555550123",
    "415 555 2671 ext. 3",
    "+999 1234 5678",
    "0000000000",
  ])("refuses the phone %j with a message the shopper can act on", async (phone) => {
    const { shop, variant, domain } = await setup();
    const res = await postSignup(domain, { variantId: variant.shopifyVariantId, phone, email: "ok@example.com" });
    expect(res).toMatchObject({
      status: 400,
      body: {
        code: "BAD_REQUEST",
        field: "phone",
        message: expect.stringMatching(/^That phone number doesn't look right/),
      },
    });
    await expectNothingStored(shop.id);
  });

  it("refuses an invalid email", async () => {
    const { shop, variant, domain } = await setup();
    for (const email of ["not-an-email", "a@b", "two@@example.com", "<script>@x.com"]) {
      const res = await postSignup(domain, { variantId: variant.shopifyVariantId, email });
      expect(res).toMatchObject({
        status: 400,
        body: { field: "email", message: "That email address doesn't look right. Check it and try again." },
      });
    }
    await expectNothingStored(shop.id);
  });

  it("refuses an unknown variant, another shop's variant and an unpublished product's with 404", async () => {
    const { shop, domain } = await setup();
    const elsewhere = await setup();
    const hidden = await createCatalogVariant(shop.id, { published: false });
    for (const variantId of ["123456789", elsewhere.variant.shopifyVariantId, hidden.shopifyVariantId]) {
      const res = await postSignup(domain, { variantId, email: "a@example.com" });
      expect(res).toMatchObject({
        status: 404,
        body: { code: "NOT_FOUND", message: "We couldn't find that product option. Refresh the page and try again." },
      });
    }
    await expectNothingStored(shop.id);
  });

  it("answers 409 for a variant in stock (above the shop's threshold)", async () => {
    const { shop, variant, domain } = await setup({ available: 1 });
    const res = await postSignup(domain, { variantId: variant.shopifyVariantId, email: "a@example.com" });
    expect(res).toMatchObject({
      status: 409,
      body: { code: "CONFLICT", message: "Good news: this is in stock — you can buy it now." },
    });
    await prisma.backInStockSettings.create({ data: { shopId: shop.id, threshold: 1 } });
    expect((await postSignup(domain, { variantId: variant.shopifyVariantId, email: "a@example.com" })).status).toBe(
      201,
    );
  });

  it("answers 429 with a retry hint to a flood from one address", async () => {
    const { shop, variant, domain } = await setup();
    const address = randomAddress();
    for (let i = 0; i < WAITLIST_LIMITS.perAddress.points; i++) {
      expect(
        (await postSignup(domain, { variantId: variant.shopifyVariantId, phone: randomPhone().typed }, { address }))
          .status,
      ).toBe(201);
    }
    const res = await postSignup(
      domain,
      { variantId: variant.shopifyVariantId, phone: randomPhone().typed },
      { address },
    );
    expect(res).toMatchObject({
      status: 429,
      body: {
        code: "RATE_LIMITED",
        message: expect.stringMatching(/^Too many signups from your connection\. Please try again in \d+ minutes?\.$/),
        retryAfterSeconds: expect.any(Number),
      },
    });
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WAITLIST_LIMITS.perAddress.durationSeconds);
    expect(await entries(shop.id)).toHaveLength(WAITLIST_LIMITS.perAddress.points);

    // Another shopper is not held back by it.
    expect((await postSignup(domain, { variantId: variant.shopifyVariantId, phone: randomPhone().typed })).status).toBe(
      201,
    );
  });

  it("answers 429 when one phone is signed up over and over, from any address", async () => {
    const { shop, domain } = await setup();
    const phone = randomPhone().typed;
    for (let i = 0; i < WAITLIST_LIMITS.perContact.points; i++) {
      const variant = await createCatalogVariant(shop.id);
      expect((await postSignup(domain, { variantId: variant.shopifyVariantId, phone })).status).toBe(201);
    }
    const variant = await createCatalogVariant(shop.id);
    const res = await postSignup(domain, { variantId: variant.shopifyVariantId, phone });
    expect(res).toMatchObject({
      status: 429,
      body: { message: expect.stringMatching(/^Too many signups with these contact details/) },
    });
    expect(await entries(shop.id)).toHaveLength(WAITLIST_LIMITS.perContact.points);
  });

  it("checks in order: signature before the shop, the shop before the body", async () => {
    const { variant, domain } = await setup();
    // Unknown shop with a valid signature but malformed JSON: the shop is reported.
    expect((await postSignup("nope.myshopify.com", "{bad")).status).toBe(404);
    // Unsigned, unknown shop: the signature is reported.
    expect(
      (await postSignup("nope.myshopify.com", "{bad", { query: new URLSearchParams({ shop: "nope.myshopify.com" }) }))
        .status,
    ).toBe(401);
    // A signed query for another shop cannot be reused for this one.
    const other = signAppProxyQuery({ shop: "other.myshopify.com" }, SECRET());
    other.set("shop", domain);
    expect(
      (await postSignup(domain, { variantId: variant.shopifyVariantId, email: "a@example.com" }, { query: other }))
        .status,
    ).toBe(401);
    // The signature covers every parameter, including ones Shopify adds that we do not read.
    const extra = new URLSearchParams({
      shop: domain,
      path_prefix: "/apps/signalboard",
      timestamp: String(Math.floor(Date.now() / 1000)),
      extra: "1",
    });
    extra.set("signature", computeAppProxySignature(extra, SECRET()));
    expect(
      (await postSignup(domain, { variantId: variant.shopifyVariantId, email: "b@example.com" }, { query: extra }))
        .status,
    ).toBe(201);
  });
});

describe("the route", () => {
  it("answers a preflight with the allowed methods and no CORS grant (app-proxy calls are same-origin)", () => {
    const res = OPTIONS();
    expect(res.status).toBe(204);
    expect(res.headers.get("allow")).toBe("POST, OPTIONS");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("passes the request through unchanged", async () => {
    const { POST } = await import("@/app/api/storefront/waitlist/route");
    const { shop, variant, domain } = await setup();
    const res = await POST(signupRequest(domain, { variantId: variant.shopifyVariantId, email: "route@example.com" }));
    expect(res.status).toBe(201);
    expect(await entries(shop.id)).toHaveLength(1);
  });
});
