import type { DeliveryProviderAdapter } from "./delivery-provider";

/**
 * Built-in SMS has no sender yet: its deliveries are recorded as skipped with a reason a merchant can act on,
 * never dropped silently.
 */
export const builtInProvider: DeliveryProviderAdapter = {
  provider: "BUILT_IN",
  async open() {
    return {
      status: "unavailable",
      reason: "Built-in SMS sending is not available yet: choose Postscript under “Send SMS through” to send alerts.",
    };
  },
};
