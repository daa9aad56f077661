import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { orderPayloadSchema } from "@/lib/shopify/shopify-payload-schemas";
import { storeOrder } from "@/lib/shopify/store-order";
import { orderPayload } from "@/lib/shopify/webhook-payloads";
import { computeAppProxySignature } from "@/lib/shopify/verify-app-proxy";
import { signAppProxyQuery } from "@/lib/storefront/sign-app-proxy-query";
import { handleEditOrderLink } from "./edit-order-link";
import { setUpOrderEditingShop } from "./order-editing-test-fixtures";
import { verifyPortalToken } from "./portal-token";

async function customerOrder() {
  const { shop, bought } = await setUpOrderEditingShop();
  const payload = orderPayloadSchema.parse(
    orderPayload({
      customer: { id: "7700001", firstName: "Jamie", lastName: "Rivera", email: "jamie@example.com" },
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
  return { orderId, shopifyOrderId: payload.id, domain };
}

/** The request Shopify's app proxy forwards: every parameter (order_id too) signed with the app secret. */
function linkRequest(domain: string, orderId: string, customerId: string, secret = process.env.SHOPIFY_API_SECRET!) {
  const query = signAppProxyQuery({ shop: domain, loggedInCustomerId: customerId }, secret);
  query.delete("signature");
  query.set("order_id", orderId);
  query.set("signature", computeAppProxySignature(query, secret));
  return new Request(`http://app.test/api/storefront/edit-order?${query}`);
}

describe("storefront Edit order link", () => {
  it("sends the customer who placed the order to its signed portal link", async () => {
    const o = await customerOrder();
    const res = await handleEditOrderLink(linkRequest(o.domain, o.shopifyOrderId, "7700001"));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(location.pathname).toMatch(/^\/edit\//);
    expect(verifyPortalToken(decodeURIComponent(location.pathname.slice("/edit/".length)))).toBe(o.orderId);
  });

  it("refuses another customer, a signed-out visitor and a forged request, without a link", async () => {
    const o = await customerOrder();
    for (const [request, status] of [
      [linkRequest(o.domain, o.shopifyOrderId, "7700002"), 404],
      [linkRequest(o.domain, "999999999", "7700001"), 404],
      [linkRequest(o.domain, o.shopifyOrderId, ""), 401],
      [linkRequest(o.domain, o.shopifyOrderId, "7700001", "not-the-secret"), 401],
    ] as const) {
      const res = await handleEditOrderLink(request);
      expect(res.status).toBe(status);
      expect(res.headers.get("location")).toBeNull();
      expect(await res.text()).not.toContain("/edit/");
    }
  });
});
