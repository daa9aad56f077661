import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { PostscriptClient } from "@/lib/postscript/postscript-client";
import { postscriptClientForKey, type PostscriptClientForKeyOptions } from "./postscript-client-for-key";

/**
 * A Postscript client for the shop's saved key, for steps that need a working connection (keywords, test
 * events). Refuses with a message saying what to do when there is no verified key.
 */
export async function postscriptClientForShop(shopId: string, options: PostscriptClientForKeyOptions = {}): Promise<PostscriptClient> {
  const integration = await prisma.postscriptIntegration.findUnique({ where: { shopId } });
  if (!integration?.encryptedKey) {
    throw new AppError("CONFLICT", "Connect your Postscript account first: paste your Private API Key in step 2.");
  }
  if (integration.verification !== "VERIFIED") {
    throw new AppError("CONFLICT", "Your Postscript key is not verified yet: use “Verify again” in step 2, or paste a new key.");
  }
  return postscriptClientForKey(decryptSecret(integration.encryptedKey), options);
}
