"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import { resumeSending } from "@/lib/postscript-connection/resume-sending";
import { saveKeywordSchema } from "./keyword-schemas";
import { saveKeyword } from "./save-keyword";

export const saveKeywordAction = shopAction(saveKeywordSchema, async (input, ctx) => {
  const saved = await saveKeyword(input, ctx);
  revalidatePath(`/shops/${ctx.shop.id}`, "layout");
  await resumeSending(ctx.shop.id);
  return saved;
});
