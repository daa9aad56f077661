import { prisma } from "@/lib/db/prisma";

const COLUMNS = ["product", "variant", "sku", "name", "phone", "email", "status", "channel", "postscript_sync", "signed_up_at", "notified_at"] as const;

// Spreadsheet apps run cells starting with = + - @ as formulas; a leading quote keeps customer text inert.
function cell(value: string | null | undefined): string {
  const text = value ?? "";
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
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
    yield page
      .map((e) =>
        [
          e.variant.product.title, e.variant.title, e.variant.sku, e.name, e.phone, e.email, e.status.toLowerCase(), e.channel,
          e.postscriptSync.toLowerCase(), e.createdAt.toISOString(), e.notifiedAt?.toISOString(),
        ].map(cell).join(","),
      )
      .join("\n") + "\n";
    cursor = page[page.length - 1]!.id;
  }
}
