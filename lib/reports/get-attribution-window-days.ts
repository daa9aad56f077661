import { prisma } from "@/lib/db/prisma";

/** Orders this many days after an alert still count as recovered, unless the shop chose otherwise. */
export const DEFAULT_ATTRIBUTION_WINDOW_DAYS = 7;

/** The shop's attribution window in days (ReportSettings, default 7). */
export async function getAttributionWindowDays(shopId: string): Promise<number> {
  const settings = await prisma.reportSettings.findUnique({
    where: { shopId },
    select: { attributionWindowDays: true },
  });
  return settings?.attributionWindowDays ?? DEFAULT_ATTRIBUTION_WINDOW_DAYS;
}
