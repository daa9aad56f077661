export interface StandinStaff {
  /** Shopify's numeric user id: unique per store, so one person has a different id in each store. */
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  accountOwner: boolean;
}

/** A store the stand-in knows: what its `shop` query answers and who may sign in to its admin. */
export interface StandinStore {
  domain: string;
  name: string;
  email: string;
  currencyCode: string;
  ianaTimezone: string;
  staff: StandinStaff[];
}

const maya = { email: "merchant@demo.test", firstName: "Maya", lastName: "Patel", accountOwner: true };

/**
 * The demo shops of the seed (lib/db/seed-demo.ts DEMO_SHOPS: same domains, names, currencies, time zones; a test
 * keeps them equal) as stand-in stores, with the staff ids the seed and tests share. Written out rather than
 * imported so the seed can import this without a cycle.
 */
export const DEMO_STANDIN_STORES: StandinStore[] = [
  {
    domain: "northwind-outfitters.myshopify.com",
    name: "Northwind Outfitters",
    email: maya.email,
    currencyCode: "USD",
    ianaTimezone: "America/New_York",
    staff: [
      { id: "81000001", ...maya },
      { id: "81000002", email: "lee@demo.test", firstName: "Lee", lastName: "Chen", accountOwner: false },
    ],
  },
  {
    domain: "northwind-outlet.myshopify.com",
    name: "Northwind Outlet",
    email: maya.email,
    currencyCode: "USD",
    ianaTimezone: "America/New_York",
    staff: [{ id: "82000001", ...maya }],
  },
  {
    domain: "acme-goods.myshopify.com",
    name: "Acme Goods",
    email: "other@demo.test",
    currencyCode: "CAD",
    ianaTimezone: "America/Toronto",
    staff: [{ id: "83000001", email: "other@demo.test", firstName: "Omar", lastName: "Reyes", accountOwner: true }],
  },
];

/** The store's handle, as in admin.shopify.com/store/{handle}. */
export function storeHandle(domain: string): string {
  return domain.replace(/\.myshopify\.com$/, "");
}
