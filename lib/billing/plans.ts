/** Signalboard's plans: the one place their names and prices are set. */
export const PLANS = {
  FREE: { name: "Free", price: 0, currencyCode: "USD", interval: null },
  PAID: { name: "Signalboard Paid", price: 19.99, currencyCode: "USD", interval: "EVERY_30_DAYS" },
} as const;

export type PlanKey = keyof typeof PLANS;
