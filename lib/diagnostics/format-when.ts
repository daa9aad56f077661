import { formatShopTime } from "@/lib/format/format-shop-time";

/** A moment in check texts, in the app's one format: the shop's time zone when the caller has it, else UTC. */
export function formatWhen(date: Date, timeZone = "UTC"): string {
  return formatShopTime(date, timeZone);
}
