import type { ShopContext } from "@/lib/auth/shop-context";
import { disconnectIntegration } from "@/lib/integrations/disconnect-integration";
import type { ShopOnlyInput } from "./schemas";

/** Removes the saved Postscript key after removing its webhook subscriptions; the shop's other settings stay. */
export async function disconnectPostscript(
  _input: ShopOnlyInput,
  ctx: ShopContext,
): Promise<{ disconnected: boolean }> {
  return disconnectIntegration("POSTSCRIPT", ctx);
}
