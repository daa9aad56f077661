import { sendJobEvent } from "@/lib/jobs/send-job-event";

/**
 * Hands a stored restock to the fan-out job (on Inngest or the local runner). A failed hand-off is logged, not
 * thrown: the Restock row is already committed, and the delivery sweeper plans restocks left unplanned.
 */
export async function dispatchRestock(shopId: string, restockId: string): Promise<void> {
  try {
    await sendJobEvent("restockDetected", { shopId, restockId });
  } catch (error) {
    console.error(
      `[restock] dispatch of ${restockId} failed; the sweeper will plan it:`,
      error instanceof Error ? error.message : error,
    );
  }
}
