import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/prisma";

/** A product with one variant in the shop's local catalog. */
export async function createVariant(
  shopId: string,
  options: { title?: string; productTitle?: string; available?: number; sku?: string } = {},
) {
  const id = randomBytes(4).toString("hex");
  const product = await prisma.product.create({
    data: {
      shopId,
      shopifyProductId: `p${id}`,
      title: options.productTitle ?? `Product ${id}`,
      handle: `product-${id}`,
      vendor: "Northwind",
    },
  });
  return prisma.variant.create({
    data: {
      shopId,
      productId: product.id,
      shopifyVariantId: `v${id}`,
      inventoryItemId: `i${id}`,
      title: options.title ?? "Medium / Blue",
      price: "49.00",
      available: options.available ?? 0,
      sku: options.sku ?? null,
    },
  });
}

/** A customer waiting for a variant. */
export async function createWaitlistEntry(
  shopId: string,
  variantId: string,
  options: {
    phone?: string | null;
    email?: string | null;
    name?: string;
    status?: "WAITING" | "NOTIFIED" | "PURCHASED";
  } = {},
) {
  const phone =
    options.phone === undefined ? `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}` : options.phone;
  const email = options.email ?? null;
  return prisma.waitlistEntry.create({
    data: {
      shopId,
      variantId,
      customerKey: phone ?? email ?? randomBytes(4).toString("hex"),
      phone,
      email,
      name: options.name ?? "Jamie",
      status: options.status ?? "WAITING",
    },
  });
}
