import type { DeliverDueOptions } from "@/lib/deliveries/deliver-due";
import { drainShopDeliveries } from "@/lib/deliveries/drain-shop-deliveries";
import { verifyBeforeFanOut } from "@/lib/key-health/verify-before-fan-out";
import { planRestock } from "./plan-restock";

/**
 * Plans a restock (idempotent), re-verifies the Postscript key before a large one, and sends the shop's due
 * deliveries until none is left soon or sending is paused: what the restock fan-out function does in steps, for
 * in-process runs (the demo without an Inngest dev server). Later work (long backoffs, reminders) is the sweeper's.
 */
export async function runRestock(restockId: string, options: DeliverDueOptions = {}): Promise<void> {
  const { shopId, planned } = await planRestock(restockId);
  await verifyBeforeFanOut(shopId, planned);
  await drainShopDeliveries(shopId, options);
}
