import type { Metadata } from "next";
import { AttributionWindowForm } from "@/components/reports/attribution-window-form";
import { ReportView } from "@/components/reports/report-view";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireShop } from "@/lib/auth/require-shop";
import { getAttributionWindowDays } from "@/lib/reports/get-attribution-window-days";
import { getShopReport } from "@/lib/reports/get-shop-report";
import { resolveReportRange } from "@/lib/reports/report-range";
import { safeTimeZone } from "@/lib/reports/safe-time-zone";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage({
  params,
  searchParams,
}: {
  params: Promise<{ shopId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const range = resolveReportRange(await searchParams, safeTimeZone(ctx.shop.timeZone));
  const [report, windowDays] = await Promise.all([
    getShopReport(ctx.shop.id, range),
    getAttributionWindowDays(ctx.shop.id),
  ]);
  return (
    <>
      <PageHeader
        title="Reports"
        description="What Signalboard brought in: demand, sends, clicks, recovered orders and revenue, preorders, order edits and upsells."
      />
      <ReportView
        report={report}
        range={range}
        basePath={`/shops/${ctx.shop.id}/reports`}
        csvBase={`/api/shops/${ctx.shop.id}/reports`}
      />
      <Card title="Attribution" className="mt-6">
        <AttributionWindowForm shopId={ctx.shop.id} days={windowDays} canWrite={ctx.canWrite} />
      </Card>
    </>
  );
}
