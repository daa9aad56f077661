import { formatShopTime } from "@/lib/format/format-shop-time";

/**
 * A moment in the app's one format, in the shop's time zone (UTC where no shop applies, as in the support console).
 * The zone is explicit, so server and browser agree; only an ICU difference (spacing, zone names) could differ.
 */
export function FlowTime({ iso, timeZone }: { iso: string; timeZone: string }) {
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {formatShopTime(iso, timeZone)}
    </time>
  );
}
