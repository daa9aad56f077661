import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createEngineShop, createEngineVariant, type EngineShop } from "@/lib/restock/restock-test-fixtures";
import { orderPayloadSchema } from "@/lib/shopify/shopify-payload-schemas";
import { storeOrder } from "@/lib/shopify/store-order";
import { orderPayload } from "@/lib/shopify/webhook-payloads";
import { signPortalToken } from "./portal-token";

/**
 * Test fixtures for order editing: a shop connected to a sandbox key, a product bought and one to offer, upsell
 * strategies, and orders stored through the real orders/create path. Not used by the app.
 */
export type Variant = Awaited<ReturnType<typeof createEngineVariant>>;

export async function createStrategy(
  shopId: string,
  data: Partial<Prisma.UpsellStrategyUncheckedCreateInput> & { productIds: string[] },
) {
  return prisma.upsellStrategy.create({
    data: {
      shopId,
      name: "Winter add-ons",
      discountType: "PERCENTAGE",
      discountValue: "20",
      notifyPostscript: true,
      ...data,
    },
  });
}

let nextId = 0;
/** Shopify ids are numeric in webhook payloads. */
async function numericIds(variant: Variant): Promise<Variant> {
  const shopifyProductId = String(880_000 + nextId++);
  await prisma.product.update({ where: { id: variant.productId }, data: { shopifyProductId } });
  return { ...variant, product: { ...variant.product, shopifyProductId } };
}

/** A connected shop, a product bought in the order, and one to offer. */
export async function setUpOrderEditingShop(
  options: { settings?: Partial<Prisma.OrderEditingSettingsUncheckedCreateInput> } = {},
) {
  const shop = await createEngineShop();
  if (options.settings)
    await prisma.orderEditingSettings.create({ data: { shopId: shop.shopId, ...options.settings } });
  const bought = await numericIds(
    await createEngineVariant(shop.shopId, { available: 5, productTitle: "Trail Runner Jacket" }),
  );
  const offered = await createEngineVariant(shop.shopId, { available: 9, productTitle: "Merino Beanie" });
  await prisma.variant.update({ where: { id: offered.id }, data: { price: "30.00" } });
  return { shop, bought, offered };
}

export async function placeOrder(
  shop: EngineShop,
  bought: Variant,
  options: { phone?: string | null; email?: string | null; createdAt?: string } = {},
) {
  const payload = orderPayloadSchema.parse(
    orderPayload({
      email: options.email === undefined ? "jamie@example.com" : options.email,
      phone: options.phone === undefined ? "+15555550123" : options.phone,
      createdAt: options.createdAt,
      customer: {
        firstName: "Jamie",
        lastName: "Rivera",
        email: options.email === undefined ? "jamie@example.com" : options.email,
      },
      lineItems: [
        {
          productId: bought.product.shopifyProductId,
          variantId: bought.shopifyVariantId,
          title: "Trail Runner Jacket",
          variantTitle: "Medium / Blue",
          price: "89.00",
          quantity: 1,
        },
      ],
    }),
  );
  const { orderId } = await storeOrder(shop.shopId, payload);
  return { orderId, token: signPortalToken(orderId), payload };
}
