import type { Metadata } from "next";
import Link from "next/link";
import { StatusBanner } from "@/components/postscript/status-banner";
import { SetupProgressCard } from "@/components/setup/setup-progress-card";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireShop } from "@/lib/auth/require-shop";
import { prisma } from "@/lib/db/prisma";
import { getPostscriptConnection } from "@/lib/postscript-connection/get-postscript-connection";
import { getSetupProgress } from "@/lib/setup/get-setup-progress";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const [view, progress, delivered, failed] = await Promise.all([
    getPostscriptConnection(ctx.shop.id),
    getSetupProgress(ctx.shop.id),
    prisma.delivery.count({ where: { shopId: ctx.shop.id, status: "DELIVERED" } }),
    prisma.delivery.count({ where: { shopId: ctx.shop.id, status: "FAILED" } }),
  ]);
  const base = `/shops/${ctx.shop.id}`;
  return (
    <>
      <PageHeader title="Overview" description={`How ${ctx.shop.name} is sending SMS events through Postscript.`} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <StatusBanner banner={view.banner} />
          <SetupProgressCard shopId={ctx.shop.id} progress={progress} />
        </div>
        <Card title="Events sent" className="self-start">
          <dl className="grid grid-cols-2 gap-4 text-sm">
            <div>
              <dt className="text-slate-500">Delivered</dt>
              <dd className="text-2xl font-semibold text-slate-900">{delivered}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Failed</dt>
              <dd className={`text-2xl font-semibold ${failed ? "text-red-700" : "text-slate-900"}`}>{failed}</dd>
            </div>
          </dl>
          <Link href={`${base}/activity`} className="mt-4 inline-block text-sm font-medium text-brand-600 hover:text-brand-700">
            View activity →
          </Link>
        </Card>
      </div>
    </>
  );
}
