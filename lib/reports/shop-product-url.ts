/** UTM tags of every forwarded click, so the shop's own analytics credit Signalboard's alerts too. */
export const REPORT_UTM = { utm_source: "signalboard", utm_medium: "sms", utm_campaign: "back_in_stock" } as const;

/** The product page with the variant selected and the UTM tags: where a counted click is forwarded. */
export function shopProductUrl(domain: string, handle: string, shopifyVariantId: string): string {
  const url = new URL(`https://${domain}/products/${encodeURIComponent(handle)}`);
  url.searchParams.set("variant", shopifyVariantId);
  for (const [name, value] of Object.entries(REPORT_UTM)) url.searchParams.set(name, value);
  return url.toString();
}
