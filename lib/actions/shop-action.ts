import type { z } from "zod";
import { currentUser } from "@/lib/auth/current-user";
import type { ActionResult } from "./action-result";
import { runShopAction, type ShopActionHandler, type ShopActionOptions } from "./run-shop-action";

/** Wraps a handler as a server action bound to the signed-in user (see runShopAction for the rules). */
export function shopAction<S extends z.ZodType<{ shopId: string }>, R>(
  schema: S,
  handler: ShopActionHandler<z.infer<S>, R>,
  options?: ShopActionOptions,
): (input: z.input<S>) => Promise<ActionResult<R>> {
  return async (input) => runShopAction(await currentUser(), schema, handler, input, options);
}
