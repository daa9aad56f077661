import { formatShopTime } from "@/lib/format/format-shop-time";

/** A moment in the app's one format, in the shop's time zone (UTC where no shop applies, as in the support console). */
export function FlowTime({ iso, timeZone }: { iso: string; timeZone?: string }) {
  return <time dateTime={iso}>{formatShopTime(iso, timeZone)}</time>;
}
