import { prisma } from "@/lib/db/prisma";
import { cachedKeywordList } from "./list-shop-keywords";

export type ChosenKeyword =
  { state: "none" } | { state: "present" | "missing" | "unknown"; keywordId: string; keyword: string; reason?: string };

/**
 * Whether the shop's chosen keyword still exists in Postscript, from the last keyword listing (never a call to
 * Postscript while a page renders; a stale listing is refreshed in the background). A keyword deleted in
 * Postscript is a problem to fix; while Postscript cannot be reached the last known state stands. "unknown" only
 * before the first listing.
 */
export async function checkChosenKeyword(shopId: string): Promise<ChosenKeyword> {
  const integration = await prisma.integration.findUnique({
    where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
    select: { keywordId: true, keywordName: true },
  });
  if (!integration?.keywordId) return { state: "none" };
  const chosen = { keywordId: integration.keywordId, keyword: integration.keywordName ?? integration.keywordId };
  const { keywords } = await cachedKeywordList(shopId);
  if (!keywords) return { state: "unknown", ...chosen, reason: "Not checked with Postscript yet." };
  const found = keywords.find((k) => k.id === integration.keywordId);
  return found ? { state: "present", ...chosen, keyword: found.keyword } : { state: "missing", ...chosen };
}
