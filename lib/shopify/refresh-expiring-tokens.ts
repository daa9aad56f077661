import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { offlineSession } from "./offline-access-token";

/** Tokens expiring within this window are rotated by the background job (it runs every 10 minutes). */
export const BACKGROUND_REFRESH_WINDOW_MS = 20 * 60_000;

/** `live`: the shop holds a token good beyond the window (rotated now, or by a request just before). */
export type TokenRefreshSummary = { due: number; live: number; revoked: number; failed: number };

/** The shops whose stored, unrevoked offline token expires within the window. */
export async function findTokensToRefresh(windowMs: number = BACKGROUND_REFRESH_WINDOW_MS): Promise<string[]> {
  const due = await prisma.shopifyToken.findMany({
    where: {
      revokedAt: null,
      encryptedRefreshToken: { not: null },
      accessTokenExpiresAt: { lte: new Date(Date.now() + windowMs) },
    },
    select: { shopId: true },
  });
  return due.map((row) => row.shopId);
}

/**
 * Rotates the given shops' offline tokens when they expire within the window, so a shop with no traffic keeps a
 * live token (a lapsed refresh token would force the merchant to reopen the app). Each shop goes through the same
 * locked refresh as requests do, so a request refreshing at the same moment cannot lose the new token.
 */
export async function refreshExpiringTokens(
  shopIds: string[],
  windowMs: number = BACKGROUND_REFRESH_WINDOW_MS,
): Promise<TokenRefreshSummary> {
  const summary: TokenRefreshSummary = { due: shopIds.length, live: 0, revoked: 0, failed: 0 };
  for (const shopId of shopIds) {
    try {
      await offlineSession(shopId, windowMs);
      summary.live++;
    } catch (error) {
      if (error instanceof AppError && error.code === "UNAUTHENTICATED") summary.revoked++;
      else summary.failed++;
    }
  }
  return summary;
}
