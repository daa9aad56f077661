import { withShop } from "@/lib/actions/with-shop";
import { recordAudit } from "@/lib/audit/record-audit";
import { waitlistCsv } from "@/lib/back-in-stock/waitlist-csv";

export const dynamic = "force-dynamic";

/** CSV export of the waitlist, for the shop's own staff (it holds customers' phone numbers and emails). */
export const GET = withShop(
  async (ctx) => {
    await recordAudit(ctx, "back_in_stock.waitlist_exported");
    const rows = waitlistCsv(ctx.shop.id);
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(new TextEncoder().encode(next.value));
      },
    });
    const date = new Date().toISOString().slice(0, 10);
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="waitlist-${ctx.shop.domain.replace(/\.myshopify\.com$/, "")}-${date}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
  { refuseSupportAgent: "Support access cannot export customer contact details." },
);
