import { env } from "@/lib/env";
import { signReportLinkToken } from "./report-link-token";

/** The `purchase_link` of a restock's alerts and reminders: Signalboard's short link that counts the click. */
export function reportLinkUrl(restockId: string): string {
  return new URL(`/r/${signReportLinkToken(restockId)}`, env().SHOPIFY_APP_URL).toString();
}
