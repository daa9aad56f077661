import { describe, expect, it } from "vitest";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import { classifyProviderFailure } from "./classify-provider-failure";
import { postscriptFailure } from "./postscript-failure";

const refused = Object.assign(new TypeError("fetch failed"), {
  cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
});
const reset = Object.assign(new TypeError("fetch failed"), {
  cause: Object.assign(new Error("socket hang up"), { code: "UND_ERR_SOCKET" }),
});

describe("classifyProviderFailure for Postscript", () => {
  it.each([
    [
      new PostscriptError({ kind: "rate_limited", status: 429, retryAfterMs: 2_000 }),
      { outcome: "retry", rateLimited: true, retryAfterMs: 2_000, responseStatus: 429 },
    ],
    [
      new PostscriptError({ kind: "server_error", status: 503 }),
      { outcome: "retry", rateLimited: false, responseStatus: 503 },
    ],
    [new PostscriptError({ kind: "network", cause: refused }), { outcome: "retry", rateLimited: false }],
    [new PostscriptError({ kind: "network", cause: reset }), { outcome: "unconfirmed" }],
    [new PostscriptError({ kind: "timeout" }), { outcome: "unconfirmed" }],
    [new PostscriptError({ kind: "invalid_key", status: 401 }), { outcome: "pause", responseStatus: 401 }],
    [new PostscriptError({ kind: "forbidden", status: 403 }), { outcome: "pause", responseStatus: 403 }],
    [
      new PostscriptError({ kind: "rejected", status: 400, postscriptMessage: "phone: invalid" }),
      { outcome: "failed", responseStatus: 400, error: "Postscript rejected the request: phone: invalid" },
    ],
    [new PostscriptError({ kind: "not_found", status: 404 }), { outcome: "failed", responseStatus: 404 }],
    [new Error("boom"), { outcome: "retry", error: "Unexpected error while sending: boom" }],
  ])("%s", (error, expected) => {
    expect(classifyProviderFailure(error, postscriptFailure)).toMatchObject(expected);
  });

  it("explains why an unconfirmed event is not resent", () => {
    const result = classifyProviderFailure(new PostscriptError({ kind: "timeout" }), postscriptFailure);
    expect(result).toMatchObject({
      error: expect.stringMatching(/^Unconfirmed: .*not resent on its own, because Postscript does not de-duplicate/),
    });
  });
});

describe("postscriptProvider.open", () => {
  it("holds a Free-plan shop's Postscript events with the reason, and sends once the shop is on Paid", async () => {
    const { prisma } = await import("@/lib/db/prisma");
    const { encryptSecret } = await import("@/lib/crypto/secret-box");
    const { createShop, sandboxKey } = await import("@/lib/testing/fixtures");
    const { postscriptProvider } = await import("./postscript-provider");
    const shop = await createShop({ plan: "FREE" });
    await prisma.integration.create({
      data: {
        provider: "POSTSCRIPT",
        shopId: shop.id,
        encryptedKey: encryptSecret(sandboxKey()),
        keyLast4: "0000",
        verification: "VERIFIED",
        enabled: true,
      },
    });
    expect(await postscriptProvider.open(shop.id)).toEqual({
      status: "paused",
      reason:
        "Your plan (Free) does not include Postscript: waiting events are sent when you upgrade, or choose Built-in SMS or Klaviyo.",
    });
    await prisma.shop.update({ where: { id: shop.id }, data: { plan: "PAID" } });
    expect(await postscriptProvider.open(shop.id)).toMatchObject({ status: "ready" });
  });
});
