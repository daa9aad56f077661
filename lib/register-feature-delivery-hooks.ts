import { registerDeliveryHooks } from "@/lib/deliveries/delivery-hooks";
import { restockDeliveryHooks } from "@/lib/restock/restock-delivery-hooks";

/**
 * Registers every feature's delivery hooks with the engine: the composition point above both lib/deliveries and
 * the features, called once per process before anything is delivered (instrumentation.ts for the server and its
 * background work, the test setup, the benchmarks). Registering again is harmless.
 */
export function registerFeatureDeliveryHooks(): void {
  registerDeliveryHooks(restockDeliveryHooks);
}
