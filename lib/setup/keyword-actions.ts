"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import { saveKeywordSchema } from "./keyword-schemas";
import { saveKeyword } from "./save-keyword";

export const saveKeywordAction = shopAction(saveKeywordSchema, async (input, ctx) => {
  const saved = await saveKeyword(input, ctx);
  revalidatePath(`/shops/${ctx.shop.id}`, "layout");
  return saved;
});
