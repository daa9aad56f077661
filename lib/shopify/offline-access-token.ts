import { HttpResponseError, Session } from "@shopify/shopify-api";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma, ShopifyToken } from "@/lib/generated/prisma/client";
import { revokeShopifyToken } from "./revoke-shopify-token";
import { saveOfflineToken } from "./save-offline-token";
import { shopifyApp } from "./shopify-app";

/** A token expiring within this margin is refreshed before use, so a call never starts with a dying token. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

// The refresh call runs while the per-shop lock is held; Shopify answering slowly must not abort the transaction.
const REFRESH_TRANSACTION_MS = 30_000;

export const RECONNECT_MESSAGE =
  "Shopify no longer accepts this shop's connection — open Signalboard from your Shopify admin to reconnect it.";

type StoredToken = ShopifyToken & { shop: { domain: string } };

function readToken(
  client: Pick<Prisma.TransactionClient, "shopifyToken">,
  shopId: string,
): Promise<StoredToken | null> {
  return client.shopifyToken.findUnique({ where: { shopId }, include: { shop: { select: { domain: true } } } });
}

/**
 * A refresh token that lapses within this window is rotated at the shop's next use, or by the hourly job for a
 * shop nobody uses (each refresh brings a new refresh token with a lifetime of its own), so a quiet shop never has
 * to reopen the app.
 */
export const REFRESH_TOKEN_WINDOW_MS = 2 * 24 * 60 * 60_000;

const within = (at: Date | null, windowMs: number) => at !== null && at.getTime() - Date.now() <= windowMs;

function needsRefresh(token: StoredToken, marginMs: number): boolean {
  return (
    within(token.accessTokenExpiresAt, marginMs) ||
    (token.encryptedRefreshToken !== null && within(token.refreshTokenExpiresAt, REFRESH_TOKEN_WINDOW_MS))
  );
}

function toSession(token: StoredToken): Session {
  return new Session({
    id: shopifyApp().session.getOfflineId(token.shop.domain),
    shop: token.shop.domain,
    state: "",
    isOnline: false,
    accessToken: decryptSecret(token.encryptedAccessToken),
    scope: token.scope,
    ...(token.accessTokenExpiresAt ? { expires: token.accessTokenExpiresAt } : {}),
  });
}

/** Shopify answering the refresh with a 4xx: the refresh token is spent, expired or the app was uninstalled. */
function refused(error: unknown): boolean {
  return error instanceof HttpResponseError && error.response.code >= 400 && error.response.code < 500;
}

/**
 * Rotates the shop's token under a transaction-scoped advisory lock. Refresh tokens are single-use, so a second
 * process waiting on the lock re-reads the row after taking it and finds the token the first one stored.
 */
async function refreshUnderLock(shopId: string, marginMs: number): Promise<Session> {
  const outcome = await prisma.$transaction(
    async (tx): Promise<{ session: Session } | { revoked: true }> => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`shopify-token:${shopId}`}, 0))`;
      const token = await readToken(tx, shopId);
      if (!token || token.revokedAt) return { revoked: true };
      if (!needsRefresh(token, marginMs)) return { session: toSession(token) };
      const refreshExpired =
        token.refreshTokenExpiresAt !== null && token.refreshTokenExpiresAt.getTime() <= Date.now();
      if (!token.encryptedRefreshToken || refreshExpired) {
        await revokeShopifyToken(shopId, tx);
        return { revoked: true };
      }
      try {
        const { session } = await shopifyApp().auth.refreshToken({
          shop: token.shop.domain,
          refreshToken: decryptSecret(token.encryptedRefreshToken),
        });
        await saveOfflineToken(shopId, session, tx);
        return { session };
      } catch (error) {
        if (!refused(error))
          throw new AppError("UPSTREAM", "Shopify did not answer while renewing this shop's access, try again.");
        await revokeShopifyToken(shopId, tx);
        return { revoked: true };
      }
    },
    { maxWait: REFRESH_TRANSACTION_MS, timeout: REFRESH_TRANSACTION_MS },
  );
  if ("revoked" in outcome) throw new AppError("UNAUTHENTICATED", RECONNECT_MESSAGE);
  return outcome.session;
}

/**
 * The shop's offline Admin API session, refreshed first when the token expires within `marginMs`. A shop without
 * a usable token (never installed, uninstalled, refresh refused) gets AppError UNAUTHENTICATED.
 */
export async function offlineSession(shopId: string, marginMs: number = REFRESH_MARGIN_MS): Promise<Session> {
  const token = await readToken(prisma, shopId);
  if (!token || token.revokedAt) throw new AppError("UNAUTHENTICATED", RECONNECT_MESSAGE);
  return needsRefresh(token, marginMs) ? refreshUnderLock(shopId, marginMs) : toSession(token);
}

/** The shop's current offline access token, rotated when it nears expiry; for server-side Admin API calls only. */
export async function offlineAccessToken(shopId: string): Promise<string> {
  return (await offlineSession(shopId)).accessToken!;
}
