import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { offlineSession } from "./offline-access-token";

/** Tokens expiring within this window are rotated by the background job (it runs every 10 minutes). */
export const BACKGROUND_REFRESH_WINDOW_MS = 20 * 60_000;

export type TokenRefreshSummary = { due: number; refreshed: number; revoked: number; failed: number };

/**
 * Rotates every stored offline token that expires within the window, so a shop with no traffic keeps a live
 * token (a lapsed refresh token would force the merchant to reopen the app). Each shop goes through the same
 * locked refresh as requests do, so a request refreshing at the same moment cannot lose the new token.
 */
export async function refreshExpiringTokens(windowMs: number = BACKGROUND_REFRESH_WINDOW_MS): Promise<TokenRefreshSummary> {
  const due = await prisma.shopifyToken.findMany({
    where: { revokedAt: null, encryptedRefreshToken: { not: null }, accessTokenExpiresAt: { lte: new Date(Date.now() + windowMs) } },
    select: { shopId: true },
  });
  const summary: TokenRefreshSummary = { due: due.length, refreshed: 0, revoked: 0, failed: 0 };
  for (const { shopId } of due) {
    try {
      await offlineSession(shopId, windowMs);
      summary.refreshed++;
    } catch (error) {
      if (error instanceof AppError && error.code === "UNAUTHENTICATED") summary.revoked++;
      else summary.failed++;
    }
  }
  return summary;
}
