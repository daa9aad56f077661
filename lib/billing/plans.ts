/** Signalboard's plans: the one place their names and prices are set. */
export const PLANS = {
  // smsPerMonth: built-in SMS texts included each calendar month (UTC); past it, texts wait for the next month
  // or an upgrade, and the dashboard says so.
  FREE: { name: "Free", price: 0, currencyCode: "USD", interval: null, smsPerMonth: 100 },
  PAID: { name: "Signalboard Paid", price: 19.99, currencyCode: "USD", interval: "EVERY_30_DAYS", smsPerMonth: 2_000 },
} as const;

export type PlanKey = keyof typeof PLANS;
