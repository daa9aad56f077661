export type QuietHours = { enabled: boolean; startHour: number; endHour: number };

export const DEFAULT_QUIET_HOURS: QuietHours = { enabled: true, startHour: 21, endHour: 8 };

function localClock(at: Date, timeZone: string): { hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hour12: false,
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { hour: get("hour") % 24, minute: get("minute"), second: get("second") };
}

/**
 * When the quiet hours that `at` falls in end (the next local `endHour`:00 in `timeZone`), or null when texting
 * is allowed at `at`. Hours wrap midnight (21 → 8). A DST change during the night may shift the end by its hour.
 */
export function quietHoursEnd(at: Date, timeZone: string, quiet: QuietHours): Date | null {
  if (!quiet.enabled || quiet.startHour === quiet.endHour) return null;
  const { hour, minute, second } = localClock(at, timeZone);
  const wraps = quiet.startHour > quiet.endHour;
  const inside = wraps
    ? hour >= quiet.startHour || hour < quiet.endHour
    : hour >= quiet.startHour && hour < quiet.endHour;
  if (!inside) return null;
  const hoursLeft = (quiet.endHour - hour + 24) % 24;
  const secondsLeft = hoursLeft * 3600 - minute * 60 - second;
  return new Date(Math.floor(at.getTime() / 1000) * 1000 + secondsLeft * 1000);
}
