import { currentUser } from "@/lib/auth/current-user";
import { resolveShopContext } from "@/lib/auth/shop-context";
import { getShopReport } from "@/lib/reports/get-shop-report";
import { reportCsv } from "@/lib/reports/report-csv";
import { resolveReportRange } from "@/lib/reports/report-range";
import { reportTables } from "@/lib/reports/report-tables";
import { safeTimeZone } from "@/lib/reports/safe-time-zone";

export const dynamic = "force-dynamic";

/**
 * CSV export of one Reports table for the range in the query (?range=7|30|90|custom&from&to): for the shop's
 * staff and, read-only, support agents. Reports hold counts and money only, never a customer's contact details.
 */
export async function GET(request: Request, { params }: { params: Promise<{ shopId: string; table: string }> }) {
  const user = await currentUser();
  if (!user) return new Response("Sign in again.", { status: 401 });
  const { shopId, table: tableId } = await params;
  const ctx = await resolveShopContext(user, shopId);
  if (!ctx) return new Response("Shop not found.", { status: 404 });
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const range = resolveReportRange(query, safeTimeZone(ctx.shop.timeZone));
  const report = await getShopReport(ctx.shop.id, range);
  const table = reportTables(report).find((t) => t.id === tableId);
  if (!table) return new Response("There is no such report table.", { status: 404 });
  const name = `${ctx.shop.domain.replace(/\.myshopify\.com$/, "")}-${table.id}-${range.from}-to-${range.to}.csv`;
  return new Response(reportCsv(table, report.currency), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
