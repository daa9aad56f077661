import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { postscriptClientForShop } from "@/lib/postscript-connection/postscript-client-for-shop";
import type { SaveKeywordInput } from "./keyword-schemas";
import type { KeywordOption } from "./list-shop-keywords";
import { postscriptFailure } from "./postscript-failure";

/**
 * Step 3: saves the keyword waitlist signups are subscribed with. The id is checked with Postscript first, so
 * only a keyword that exists in the merchant's account can be saved.
 */
export async function saveKeyword(
  input: SaveKeywordInput,
  ctx: ShopContext,
): Promise<{ keywordId: string; keyword: string }> {
  const client = await postscriptClientForShop(ctx.shop.id, { priority: "interactive" });
  let found;
  try {
    found = await client.getKeyword(input.keywordId);
  } catch (error) {
    throw postscriptFailure(error);
  }
  if (!found) {
    throw new AppError(
      "BAD_REQUEST",
      "That keyword does not exist in your Postscript account. Refresh the list and choose again.",
    );
  }
  const { keywordList } = await prisma.integration.findUniqueOrThrow({
    where: { shopId_provider: { shopId: ctx.shop.id, provider: "POSTSCRIPT" } },
    select: { keywordList: true },
  });
  // Postscript just confirmed it: the stored listing includes it from now on, so the step shows it present.
  const listed = ((keywordList as KeywordOption[] | null) ?? []).filter((k) => k.id !== found.id);
  const keywords = [...listed, { id: found.id, keyword: found.keyword }].sort((a, b) =>
    a.keyword.localeCompare(b.keyword),
  );
  await prisma.integration.update({
    where: { shopId_provider: { shopId: ctx.shop.id, provider: "POSTSCRIPT" } },
    data: { keywordId: found.id, keywordName: found.keyword, keywordList: keywords, keywordListedAt: new Date() },
  });
  await recordAudit(ctx, "postscript.keyword_selected", { keywordId: found.id, keyword: found.keyword });
  return { keywordId: found.id, keyword: found.keyword };
}
