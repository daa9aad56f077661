import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { SetVariantPreorderInput } from "./variant-preorder-schema";
import { writePreorderMetafield } from "./write-preorder-metafield";

/**
 * Flags a variant as sold on preorder (orders for it get preorder_sms_confirmed) with its shipping timeline. For a
 * shop connected to Shopify the flag is written to the variant's metafield first (the storefront's Preorder
 * notice reads it); when Shopify refuses, nothing changes here either.
 */
export async function setVariantPreorder(input: SetVariantPreorderInput, ctx: ShopContext) {
  if (input.preorder && !input.shippingTimeline) {
    throw new AppError(
      "BAD_REQUEST",
      "Say when preorders ship (for example “Ships by December 15”): customers see it in the SMS.",
      {
        shippingTimeline: "Required for a preorder.",
      },
    );
  }
  const variant = await prisma.variant.findFirst({
    where: { id: input.variantId, shopId: ctx.shop.id },
    select: { shopifyVariantId: true, shop: { select: { shopifyToken: { select: { shopId: true } } } } },
  });
  if (!variant) throw new AppError("NOT_FOUND", "That product variant is not in this shop's catalog.");
  // A shop that never connected Shopify (demo data) has no storefront to tell; a revoked token is refused there.
  if (variant.shop.shopifyToken) await writePreorderMetafield(ctx.shop.id, variant.shopifyVariantId, input.preorder);
  await prisma.variant.updateMany({
    where: { id: input.variantId, shopId: ctx.shop.id },
    data: { preorder: input.preorder, shippingTimeline: input.shippingTimeline },
  });
  await recordAudit(ctx, "preorder.variant_updated", { variantId: input.variantId, preorder: input.preorder });
  return { preorder: input.preorder, shippingTimeline: input.shippingTimeline };
}
