import { env } from "@/lib/env";
import { signPortalToken } from "./portal-token";

/** The customer's link to edit an order: sent in SMS as `edit_url` and shown to the merchant. */
export function portalUrl(orderId: string): string {
  return new URL(`/edit/${signPortalToken(orderId)}`, env().SHOPIFY_APP_URL).toString();
}
