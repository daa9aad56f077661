import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { PlanBadge } from "@/components/dashboard/plan-badge";
import { SupportShopNav } from "@/components/support/support-shop-nav";
import { Badge } from "@/components/ui/badge";
import { requireSupportAgent } from "@/lib/auth/require-support-agent";
import { getSupportShopHeader } from "@/lib/support/get-support-shop-header";

const tone = { connected: "success", disabled: "neutral", not_configured: "warning", not_complete: "danger" } as const;

export default async function SupportShopLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ shopId: string }>;
}) {
  await requireSupportAgent();
  const { shopId } = await params;
  const shop = await getSupportShopHeader(shopId);
  if (!shop) notFound();
  return (
    <>
      <Link href="/support" className="text-sm font-medium text-brand-600 hover:text-brand-700">
        ← Find a shop
      </Link>
      <div className="mb-4 mt-3 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight text-slate-900">
            {shop.name}
            <PlanBadge plan={shop.plan} />
            <Badge tone={tone[shop.banner.status]}>{shop.banner.title}</Badge>
            {shop.uninstalledAt ? <Badge tone="danger">uninstalled</Badge> : null}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {shop.domain} · owner {shop.ownerEmail ?? "unknown"} · read-only unless an action says otherwise; every
            action is audited.
          </p>
        </div>
        <Link
          href={`/shops/${shop.id}`}
          className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
        >
          Open merchant dashboard (read-only) →
        </Link>
      </div>
      <SupportShopNav shopId={shop.id} />
      {children}
    </>
  );
}
