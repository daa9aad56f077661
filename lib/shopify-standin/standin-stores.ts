import { DEMO_SHOPS } from "@/lib/db/seed-demo";

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

/** The demo shops of the seed as stand-in stores, with the staff ids the seed and tests share. */
export const DEMO_STANDIN_STORES: StandinStore[] = [
  {
    domain: DEMO_SHOPS.northwindOutfitters.domain,
    name: DEMO_SHOPS.northwindOutfitters.name,
    email: maya.email,
    currencyCode: DEMO_SHOPS.northwindOutfitters.currency,
    ianaTimezone: DEMO_SHOPS.northwindOutfitters.timeZone,
    staff: [
      { id: "81000001", ...maya },
      { id: "81000002", email: "lee@demo.test", firstName: "Lee", lastName: "Chen", accountOwner: false },
    ],
  },
  {
    domain: DEMO_SHOPS.northwindOutlet.domain,
    name: DEMO_SHOPS.northwindOutlet.name,
    email: maya.email,
    currencyCode: DEMO_SHOPS.northwindOutlet.currency,
    ianaTimezone: DEMO_SHOPS.northwindOutlet.timeZone,
    staff: [{ id: "82000001", ...maya }],
  },
  {
    domain: DEMO_SHOPS.acmeGoods.domain,
    name: DEMO_SHOPS.acmeGoods.name,
    email: "other@demo.test",
    currencyCode: DEMO_SHOPS.acmeGoods.currency,
    ianaTimezone: DEMO_SHOPS.acmeGoods.timeZone,
    staff: [{ id: "83000001", email: "other@demo.test", firstName: "Omar", lastName: "Reyes", accountOwner: true }],
  },
];

/** The store's handle, as in admin.shopify.com/store/{handle}. */
export function storeHandle(domain: string): string {
  return domain.replace(/\.myshopify\.com$/, "");
}
