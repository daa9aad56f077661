import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { restockPriority } from "./restock-priority";

/**
 * Hands a stored restock to the fan-out job (on Inngest or the local runner), a small one ahead of big ones
 * (restockPriority). A failed hand-off is logged, not thrown: the Restock row is already committed, and the
 * delivery sweeper plans restocks left unplanned.
 */
export async function dispatchRestock(restock: { id: string; shopId: string; variantId: string }): Promise<void> {
  try {
    const priority = await restockPriority(restock.shopId, restock.variantId);
    await sendJobEvent("restockDetected", { shopId: restock.shopId, restockId: restock.id, priority });
  } catch (error) {
    console.error(
      `[restock] dispatch of ${restock.id} failed; the sweeper will plan it:`,
      error instanceof Error ? error.message : error,
    );
  }
}
