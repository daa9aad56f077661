import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { resolveShopContext, type SessionUser, type ShopContext } from "@/lib/auth/shop-context";
import { apiError } from "./api-error";

export type ShopRouteOptions = {
  /** Refuse support agents (403) with this message; by default they may read like members. */
  refuseSupportAgent?: string;
};

/**
 * Runs a shop API route for a user: resolves the shop from the database for this user (404 for another shop or
 * none, so an id reveals nothing), applies the support-agent rule, and turns AppErrors into the one error shape
 * (`apiError`). Unexpected errors are logged with a request id the response carries instead of the details.
 */
export async function runShopRoute(
  user: SessionUser | null,
  shopId: string,
  handler: (ctx: ShopContext) => Promise<Response>,
  options: ShopRouteOptions = {},
): Promise<Response> {
  if (!user) return apiError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  const ctx = await resolveShopContext(user, shopId);
  if (!ctx) return apiError("NOT_FOUND", "Shop not found.");
  if (!ctx.canWrite && options.refuseSupportAgent) return apiError("FORBIDDEN", options.refuseSupportAgent);
  try {
    return await handler(ctx);
  } catch (error) {
    if (error instanceof AppError) return apiError(error.code, error.message);
    const requestId = randomUUID();
    console.error(`[api] request ${requestId} failed:`, error instanceof Error ? error.stack : error);
    return apiError("INTERNAL", `Something went wrong on our side (reference ${requestId}).`, requestId);
  }
}
