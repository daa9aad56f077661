import { dispatch } from "@/lib/jobs/dispatch";
import { runRestock } from "./run-restock";

/**
 * Hands a stored restock to the fan-out (Inngest, or in-process in the demo). A failed hand-off is logged, not
 * thrown: the Restock row is already committed, and the delivery sweeper plans restocks left unplanned.
 */
export async function dispatchRestock(shopId: string, restockId: string): Promise<void> {
  try {
    await dispatch("restockDetected", { shopId, restockId }, () => runRestock(restockId));
  } catch (error) {
    console.error(`[restock] dispatch of ${restockId} failed; the sweeper will plan it:`, error instanceof Error ? error.message : error);
  }
}
