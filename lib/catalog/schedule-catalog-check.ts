import { jobEvent } from "@/lib/jobs/job-events";
import { sendJobEvents } from "@/lib/jobs/send-job-event";

/**
 * Asks for the shop's catalog check once `afterMs` has passed (check-shop-catalog): a sync whose finish webhook is
 * lost, or whose process died, is followed up without a schedule polling every shop. A check that cannot be queued
 * is logged; the hourly sweep is the net behind it, so an install or a sync never fails over it.
 */
export async function scheduleCatalogCheck(shopId: string, afterMs: number): Promise<void> {
  try {
    await sendJobEvents([jobEvent("catalogCheckDue", { shopId }, { at: new Date(Date.now() + afterMs + 1_000) })]);
  } catch (error) {
    console.warn(
      `[catalog] could not schedule the check of shop ${shopId}:`,
      error instanceof Error ? error.message : error,
    );
  }
}
