const format = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** A moment in check texts, which are rendered on the server: always UTC and said so ("Nov 23, 14:05 UTC"). */
export function formatWhen(date: Date): string {
  return `${format.format(date)} UTC`;
}
