import { prisma } from "@/lib/db/prisma";

const COLUMNS = [
  "product",
  "variant",
  "sku",
  "name",
  "phone",
  "email",
  "status",
  "channel",
  "postscript_sync",
  "signed_up_at",
  "notified_at",
  "sms_consent_at",
  "sms_consent_ip",
  "sms_consent_page",
  "sms_opted_out_at",
] as const;

/**
 * One CSV cell that stays text in any spreadsheet. Cells starting with = + - @ run as formulas, and spreadsheets
 * in many locales split on ";" (or a tab) instead of ",", so every part that would start a cell there gets a
 * leading quote, and any cell holding a separator, quote or line break is quoted whole.
 */
export function csvCell(value: string | null | undefined): string {
  const safe = (value ?? "").replace(/(^|[,;\t\r\n])([=+\-@\t\r])/g, "$1'$2");
  return /[",;\t\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function smsColumns(
  consent: { consentedAt: Date; ipAddress: string; pageUrl: string | null } | undefined,
  optOut: { optedOutAt: Date } | undefined,
): (string | undefined)[] {
  return [
    consent?.consentedAt.toISOString(),
    consent?.ipAddress,
    consent?.pageUrl ?? undefined,
    optOut?.optedOutAt.toISOString(),
  ];
}

/** The whole waitlist of a shop as CSV, streamed in pages so a large list never sits in memory at once. */
export async function* waitlistCsv(shopId: string, pageSize = 2_000): AsyncGenerator<string> {
  yield `${COLUMNS.join(",")}\n`;
  let cursor: string | undefined;
  for (;;) {
    const page = await prisma.waitlistEntry.findMany({
      where: { shopId },
      orderBy: { id: "asc" },
      take: pageSize,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      include: { variant: { select: { title: true, sku: true, product: { select: { title: true } } } } },
    });
    if (page.length === 0) return;
    // The latest consent and any standing opt-out of each phone on the page (built-in SMS's records).
    const phones = [...new Set(page.flatMap((e) => (e.phone ? [e.phone] : [])))];
    const [consents, optOuts] = await Promise.all([
      prisma.smsSignupConsent.findMany({ where: { shopId, phone: { in: phones } }, orderBy: { consentedAt: "asc" } }),
      prisma.smsOptOut.findMany({ where: { shopId, phone: { in: phones }, optedInAt: null } }),
    ]);
    const consentOf = new Map(consents.map((c) => [c.phone, c]));
    const optOutOf = new Map(optOuts.map((o) => [o.phone, o]));
    yield (
      page
        .map((e) =>
          [
            e.variant.product.title,
            e.variant.title,
            e.variant.sku,
            e.name,
            e.phone,
            e.email,
            e.status.toLowerCase(),
            e.channel,
            e.postscriptSync.toLowerCase(),
            e.createdAt.toISOString(),
            e.notifiedAt?.toISOString(),
            ...smsColumns(e.phone ? consentOf.get(e.phone) : undefined, e.phone ? optOutOf.get(e.phone) : undefined),
          ]
            .map(csvCell)
            .join(","),
        )
        .join("\n") + "\n"
    );
    cursor = page[page.length - 1]!.id;
  }
}
