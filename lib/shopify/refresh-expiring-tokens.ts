import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { offlineSession, REFRESH_TOKEN_WINDOW_MS } from "./offline-access-token";

/** `live`: the shop holds a token whose refresh token is good beyond the window (rotated now, or by a request). */
export type TokenRefreshSummary = { due: number; live: number; revoked: number; failed: number };

/**
 * The shops whose stored, unrevoked refresh token lapses within REFRESH_TOKEN_WINDOW_MS. An access token that
 * expires is refreshed when the shop next needs it (Shopify refreshes before or after expiry), so only the refresh
 * token's own lifetime needs watching; a token without a stated lifetime has nothing to watch.
 */
export async function findTokensToRefresh(): Promise<string[]> {
  const due = await prisma.shopifyToken.findMany({
    where: {
      revokedAt: null,
      encryptedRefreshToken: { not: null },
      refreshTokenExpiresAt: { lte: new Date(Date.now() + REFRESH_TOKEN_WINDOW_MS) },
    },
    select: { shopId: true },
  });
  return due.map((row) => row.shopId);
}

/**
 * Rotates the given shops' offline tokens when their refresh token lapses within the window, so a shop with no
 * traffic keeps a live connection (a lapsed refresh token would force the merchant to reopen the app). Each shop goes through the same
 * locked refresh as requests do, so a request refreshing at the same moment cannot lose the new token.
 */
export async function refreshExpiringTokens(shopIds: string[]): Promise<TokenRefreshSummary> {
  const summary: TokenRefreshSummary = { due: shopIds.length, live: 0, revoked: 0, failed: 0 };
  for (const shopId of shopIds) {
    try {
      await offlineSession(shopId);
      summary.live++;
    } catch (error) {
      if (error instanceof AppError && error.code === "UNAUTHENTICATED") summary.revoked++;
      else summary.failed++;
    }
  }
  return summary;
}
