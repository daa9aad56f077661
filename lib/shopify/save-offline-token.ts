import type { Session } from "@shopify/shopify-api";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Stores (or replaces) a shop's offline access token and refresh token, each sealed with the secret box, with
 * their expiries and scope; clears any earlier revocation.
 */
export async function saveOfflineToken(
  shopId: string,
  session: Session,
  client: Pick<Prisma.TransactionClient, "shopifyToken"> = prisma,
): Promise<void> {
  if (session.isOnline || !session.accessToken)
    throw new Error("Only an offline session with an access token can be stored");
  const data = {
    encryptedAccessToken: encryptSecret(session.accessToken),
    accessTokenExpiresAt: session.expires ?? null,
    encryptedRefreshToken: session.refreshToken ? encryptSecret(session.refreshToken) : null,
    refreshTokenExpiresAt: session.refreshTokenExpires ?? null,
    scope: session.scope ?? "",
    revokedAt: null,
  };
  await client.shopifyToken.upsert({ where: { shopId }, create: { shopId, ...data }, update: data });
}
