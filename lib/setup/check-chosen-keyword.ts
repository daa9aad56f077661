import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { postscriptClientForKey } from "@/lib/postscript-connection/postscript-client-for-key";

export type ChosenKeyword =
  | { state: "none" }
  | { state: "present" | "missing" | "unknown"; keywordId: string; keyword: string; reason?: string };

/**
 * Whether the shop's chosen keyword still exists in Postscript: a keyword deleted there is a problem to fix,
 * not a finished step. "unknown" when Postscript could not be asked (no verified key, outage).
 */
export async function checkChosenKeyword(shopId: string): Promise<ChosenKeyword> {
  const integration = await prisma.postscriptIntegration.findUnique({ where: { shopId } });
  if (!integration?.keywordId) return { state: "none" };
  const chosen = { keywordId: integration.keywordId, keyword: integration.keywordName ?? integration.keywordId };
  if (!integration.encryptedKey || integration.verification !== "VERIFIED") {
    return { state: "unknown", ...chosen, reason: "The Postscript key is not verified." };
  }
  try {
    // A short timeout: this runs while rendering the setup page.
    const client = postscriptClientForKey(decryptSecret(integration.encryptedKey), { timeoutMs: 3_000 });
    const found = await client.getKeyword(integration.keywordId);
    return found ? { state: "present", ...chosen, keyword: found.keyword } : { state: "missing", ...chosen };
  } catch (error) {
    return { state: "unknown", ...chosen, reason: error instanceof Error ? error.message : "Postscript did not answer." };
  }
}
