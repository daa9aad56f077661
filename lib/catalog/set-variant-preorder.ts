import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { SetVariantPreorderInput } from "./variant-preorder-schema";

/** Flags a variant as sold on preorder (orders for it get preorder_sms_confirmed) with its shipping timeline. */
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
  const { count } = await prisma.variant.updateMany({
    where: { id: input.variantId, shopId: ctx.shop.id },
    data: { preorder: input.preorder, shippingTimeline: input.shippingTimeline },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "That product variant is not in this shop's catalog.");
  await recordAudit(ctx, "preorder.variant_updated", { variantId: input.variantId, preorder: input.preorder });
  return { preorder: input.preorder, shippingTimeline: input.shippingTimeline };
}
