import { AuthScopes, HttpResponseError, RequestedTokenType, type Session } from "@shopify/shopify-api";
import { prisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { installShop } from "./install-shop";
import { shopifyApp } from "./shopify-app";
import type { VerifiedSessionToken } from "./verify-session-token";

async function exchangeOffline(token: VerifiedSessionToken): Promise<Session> {
  try {
    const { session } = await shopifyApp().auth.tokenExchange({
      shop: token.shop,
      sessionToken: token.raw,
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
      expiring: true,
    });
    return session;
  } catch (error) {
    if (error instanceof HttpResponseError && error.response.code >= 400 && error.response.code < 500) {
      throw new AppError(
        "UNAUTHENTICATED",
        "Shopify refused to connect Signalboard to this store — reopen the app from your Shopify admin.",
      );
    }
    throw new AppError("UPSTREAM", "Shopify did not answer while installing Signalboard, try again.");
  }
}

/**
 * The embedded install: when the shop already has an unrevoked token covering the current scopes, answers at
 * once without calling Shopify (`installed: false`); otherwise exchanges the session token for an expiring
 * offline token and installs the shop. Shopify down or refusing: AppError, and nothing is created.
 */
export async function installFromSessionToken(
  token: VerifiedSessionToken,
): Promise<{ shopId: string; installed: boolean }> {
  const shop = await prisma.shop.findUnique({
    where: { domain: token.shop },
    select: { id: true, uninstalledAt: true, shopifyToken: { select: { scope: true, revokedAt: true } } },
  });
  const stored = shop?.shopifyToken;
  if (shop && !shop.uninstalledAt && stored && !stored.revokedAt && new AuthScopes(stored.scope).has(env().SCOPES)) {
    return { shopId: shop.id, installed: false };
  }
  return installShop(await exchangeOffline(token));
}
