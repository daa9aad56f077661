import type { SlotPriority } from "@/lib/deliveries/send-slot-limiter";
import { prisma } from "@/lib/db/prisma";
import { runAfterResponse } from "@/lib/jobs/run-after-response";
import { postscriptClientForShop } from "@/lib/postscript-connection/postscript-client-for-shop";
import { postscriptFailure } from "./postscript-failure";

export type KeywordOption = { id: string; keyword: string };

/** A listed keyword set older than this is refreshed in the background the next time a page shows it. */
export const KEYWORD_LIST_FRESH_MS = 5 * 60_000;

/**
 * Lists every keyword of the shop's Postscript account (all pages, in the key's rate budget), stores the list on
 * the integration and returns it alphabetically. "interactive" when a merchant pressed Refresh.
 */
export async function refreshKeywordList(
  shopId: string,
  priority: SlotPriority = "background",
): Promise<KeywordOption[]> {
  const client = await postscriptClientForShop(shopId, { priority });
  let keywords: KeywordOption[];
  try {
    keywords = (await client.listKeywords())
      .map((k) => ({ id: k.id, keyword: k.keyword }))
      .sort((a, b) => a.keyword.localeCompare(b.keyword));
  } catch (error) {
    throw postscriptFailure(error);
  }
  await prisma.integration.update({
    where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
    data: { keywordList: keywords, keywordListedAt: new Date() },
  });
  return keywords;
}

/** The stored list and when it was listed (null before the first listing), refreshing it in the background when stale. */
export async function cachedKeywordList(
  shopId: string,
): Promise<{ keywords: KeywordOption[] | null; listedAt: Date | null }> {
  const integration = await prisma.integration.findUnique({
    where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
    select: { keywordList: true, keywordListedAt: true, encryptedKey: true, verification: true },
  });
  const listedAt = integration?.keywordListedAt ?? null;
  const stale = !listedAt || Date.now() - listedAt.getTime() > KEYWORD_LIST_FRESH_MS;
  if (stale && integration?.encryptedKey && integration.verification === "VERIFIED") {
    runAfterResponse(() => refreshKeywordList(shopId), `keyword list of shop ${shopId}`);
  }
  return { keywords: (integration?.keywordList as KeywordOption[] | null) ?? null, listedAt };
}

/**
 * The keywords for "Select a keyword": the stored list, so opening the page never calls Postscript; Postscript is
 * asked (ahead of background work, in the same budget) on Refresh or when nothing was listed yet.
 */
export async function listShopKeywords(shopId: string, options: { refresh?: boolean } = {}): Promise<KeywordOption[]> {
  if (!options.refresh) {
    const cached = await cachedKeywordList(shopId);
    if (cached.keywords) return cached.keywords;
  }
  return refreshKeywordList(shopId, "interactive");
}
