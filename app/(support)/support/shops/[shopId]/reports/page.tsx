import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReportView } from "@/components/reports/report-view";
import { requireSupportAgent } from "@/lib/auth/require-support-agent";
import { prisma } from "@/lib/db/prisma";
import { getShopReport } from "@/lib/reports/get-shop-report";
import { resolveReportRange } from "@/lib/reports/report-range";
import { safeTimeZone } from "@/lib/reports/safe-time-zone";

export const metadata: Metadata = { title: "Support · Reports" };

/** The shop's Reports exactly as the merchant sees them, read-only (reports hold no customer contact details). */
export default async function SupportReportsPage({
  params,
  searchParams,
}: {
  params: Promise<{ shopId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireSupportAgent();
  const { shopId } = await params;
  const shop = await prisma.shop.findUnique({ where: { id: shopId }, select: { id: true, timeZone: true } });
  if (!shop) notFound();
  const range = resolveReportRange(await searchParams, safeTimeZone(shop.timeZone));
  const report = await getShopReport(shop.id, range);
  return (
    <ReportView
      report={report}
      range={range}
      basePath={`/support/shops/${shop.id}/reports`}
      csvBase={`/api/shops/${shop.id}/reports`}
    />
  );
}
