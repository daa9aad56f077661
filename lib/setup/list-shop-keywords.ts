import { postscriptClientForShop } from "@/lib/postscript-connection/postscript-client-for-shop";
import { postscriptFailure } from "./postscript-failure";

export type KeywordOption = { id: string; keyword: string };

/** Every keyword in the shop's Postscript account (all pages), alphabetically, for "Select a keyword". */
export async function listShopKeywords(shopId: string): Promise<KeywordOption[]> {
  const client = await postscriptClientForShop(shopId);
  try {
    const keywords = await client.listKeywords();
    return keywords.map((k) => ({ id: k.id, keyword: k.keyword })).sort((a, b) => a.keyword.localeCompare(b.keyword));
  } catch (error) {
    throw postscriptFailure(error);
  }
}
