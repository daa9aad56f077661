import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { orderPayloadSchema } from "@/lib/shopify/shopify-payload-schemas";
import { storeOrder } from "@/lib/shopify/store-order";
import { orderPayload } from "@/lib/shopify/webhook-payloads";
import { handleEditOrderExtension } from "./handle-edit-order-extension";
import { setUpOrderEditingShop } from "./order-editing-test-fixtures";
import { verifyPortalToken } from "./portal-token";

async function customerOrder() {
  const { shop, bought } = await setUpOrderEditingShop();
  const payload = orderPayloadSchema.parse(
    orderPayload({
      customer: { id: "7700001", firstName: "Jamie", lastName: "Rivera", email: "Jamie@Example.com" },
      lineItems: [
        {
          productId: bought.product.shopifyProductId,
          variantId: bought.shopifyVariantId,
          title: "Trail Runner Jacket",
          variantTitle: null,
          price: "89.00",
          quantity: 1,
        },
      ],
    }),
  );
  const { orderId } = await storeOrder(shop.shopId, payload);
  const domain = (await prisma.shop.findUniqueOrThrow({ where: { id: shop.shopId } })).domain;
  return { shopId: shop.shopId, orderId, gid: `gid://shopify/Order/${payload.id}`, domain };
}

/** A session token as Shopify signs it for a checkout / customer-account extension of this app. */
function extensionToken(
  domain: string,
  claims: { sub?: string; aud?: string; secret?: string; expiresIn?: string } = {},
): Promise<string> {
  const jwt = new SignJWT({ dest: domain, ...(claims.sub ? { sub: claims.sub } : {}) })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(claims.aud ?? process.env.SHOPIFY_API_KEY!)
    .setIssuedAt()
    .setNotBefore("0s")
    .setExpirationTime(claims.expiresIn ?? "5m");
  return jwt.sign(new TextEncoder().encode(claims.secret ?? process.env.SHOPIFY_API_SECRET!));
}

async function ask(token: string, body: unknown) {
  const response = await handleEditOrderExtension(
    new Request("http://app.test/api/extensions/edit-order", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("the Edit order extension's endpoint", () => {
  it("gives the signed-in customer who placed the order its portal link and deadline", async () => {
    const o = await customerOrder();
    const answer = await ask(await extensionToken(o.domain, { sub: "gid://shopify/Customer/7700001" }), {
      orderId: o.gid,
    });
    expect(answer).toMatchObject({ status: 200, body: { editable: true, deadline: expect.any(String) } });
    const url = new URL(answer.body.url as string);
    expect(verifyPortalToken(url.pathname.slice("/edit/".length))).toBe(o.orderId);
  });

  it("gives a guest the link on the thank-you page only with the order's checkout email", async () => {
    const o = await customerOrder();
    const guest = await extensionToken(`https://${o.domain}`);
    expect((await ask(guest, { orderId: o.gid, email: " jamie@example.COM " })).body).toMatchObject({
      editable: true,
    });
    expect((await ask(guest, { orderId: o.gid, email: "someone@else.test" })).body).toEqual({ editable: false });
    expect((await ask(guest, { orderId: o.gid })).body).toEqual({ editable: false });
  });

  it("refuses another customer, another shop's order, a closed order and a bad token; pending before orders/create", async () => {
    const o = await customerOrder();
    const other = await customerOrder();
    const jamie = await extensionToken(o.domain, { sub: "gid://shopify/Customer/7700001" });
    expect(
      (await ask(await extensionToken(o.domain, { sub: "gid://shopify/Customer/7700002" }), { orderId: o.gid })).body,
    ).toEqual({
      editable: false,
    });
    // The same customer id in another shop: the token's shop decides which orders are looked at.
    expect((await ask(jamie, { orderId: other.gid })).body).toEqual({ editable: false, pending: true });
    expect((await ask(jamie, { orderId: "gid://shopify/Order/999999999" })).body).toEqual({
      editable: false,
      pending: true,
    });
    expect(await ask(jamie, { orderId: "gid://shopify/Product/1" })).toMatchObject({ status: 400 });

    for (const bad of [
      await extensionToken(o.domain, { sub: "gid://shopify/Customer/7700001", secret: "not-the-secret" }),
      await extensionToken(o.domain, { sub: "gid://shopify/Customer/7700001", aud: "another-app" }),
      await extensionToken(o.domain, { sub: "gid://shopify/Customer/7700001", expiresIn: "-1m" }),
      await extensionToken("evil.example.com", { sub: "gid://shopify/Customer/7700001" }),
      "not-a-token",
    ])
      expect(await ask(bad, { orderId: o.gid })).toEqual({ status: 401, body: { editable: false } });

    await prisma.order.update({ where: { id: o.orderId }, data: { editDeadline: new Date(Date.now() - 1_000) } });
    expect((await ask(jamie, { orderId: o.gid })).body).toEqual({ editable: false });
  });

  it("answers the CORS preflight", async () => {
    const response = await handleEditOrderExtension(
      new Request("http://app.test/api/extensions/edit-order", { method: "OPTIONS" }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
  });
});
