import { DEMO_SHOPS } from "../db/seed-demo";

export interface StandinStaff {
  /** Shopify's numeric user id: unique per store, so one person has a different id in each store. */
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  accountOwner: boolean;
  /** What Shopify reports as `email_verified`; default true. */
  emailVerified?: boolean;
}

/** A store the stand-in knows: what its `shop` query answers and who may sign in to its admin. */
export interface StandinStore {
  domain: string;
  name: string;
  email: string;
  currencyCode: string;
  ianaTimezone: string;
  staff: StandinStaff[];
  /** PAID: the store starts with Signalboard's Paid subscription active (as a store that upgraded earlier). */
  plan?: "FREE" | "PAID";
}

/** The demo shops of the seed as stand-in stores, with the same staff (and staff ids) the seed links members to. */
export const DEMO_STANDIN_STORES: StandinStore[] = Object.values(DEMO_SHOPS).map((shop) => ({
  domain: shop.domain,
  name: shop.name,
  email: shop.ownerEmail,
  currencyCode: shop.currency,
  ianaTimezone: shop.timeZone,
  plan: shop.plan,
  staff: shop.staff.map((member) => {
    const [firstName = "", ...rest] = member.name.split(" ");
    return {
      id: member.id,
      email: member.email,
      firstName,
      lastName: rest.join(" "),
      accountOwner: member.accountOwner,
    };
  }),
}));

/** The store's handle, as in admin.shopify.com/store/{handle}. */
export function storeHandle(domain: string): string {
  return domain.replace(/\.myshopify\.com$/, "");
}
