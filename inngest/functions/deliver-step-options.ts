import type { DeliverDueOptions } from "@/lib/deliveries/deliver-due";

/**
 * What one `deliver-N` step may use: 45 s of sending keeps each step well inside a serverless request's limit.
 * A plain object so tests can shorten the budget to see several steps.
 */
export const deliverStepOptions: DeliverDueOptions = { maxDurationMs: 45_000 };
