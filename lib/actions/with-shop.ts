import { currentUser } from "@/lib/auth/current-user";
import type { ShopContext } from "@/lib/auth/shop-context";
import { runShopRoute, type ShopRouteOptions } from "./run-shop-route";

type ShopParams = { shopId: string };

/**
 * Wraps an `app/api/shops/[shopId]/*` route handler: the handler gets the signed-in user's shop context (see
 * runShopRoute for the rules and the error shape), the request and the route's other params.
 */
export function withShop<P extends ShopParams = ShopParams>(
  handler: (ctx: ShopContext, request: Request, params: P) => Promise<Response>,
  options?: ShopRouteOptions,
): (request: Request, route: { params: Promise<P> }) => Promise<Response> {
  return async (request, route) => {
    const params = await route.params;
    return runShopRoute(await currentUser(), params.shopId, (ctx) => handler(ctx, request, params), options);
  };
}
