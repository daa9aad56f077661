const OPTIONS: Intl.DateTimeFormatOptions = {
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

/**
 * The one way a moment is written anywhere in the app, its SMS and its checks: "Nov 23, 1:30 PM EST" in the shop's
 * time zone. The zone is explicit, so the server and the browser render the same text; a zone Intl does not know
 * (from Shopify) falls back to UTC rather than failing a page or an event.
 */
export function formatShopTime(date: Date | string, timeZone: string): string {
  const moment = typeof date === "string" ? new Date(date) : date;
  try {
    return new Intl.DateTimeFormat("en-US", { ...OPTIONS, timeZone }).format(moment);
  } catch {
    return new Intl.DateTimeFormat("en-US", { ...OPTIONS, timeZone: "UTC" }).format(moment);
  }
}
