import type { Metadata } from "next";
import Link from "next/link";
import { AuditList } from "@/components/support/audit-list";
import { Card } from "@/components/ui/card";
import { requireSupportAgent } from "@/lib/auth/require-support-agent";
import { getSupportShopHeader } from "@/lib/support/get-support-shop-header";
import { listAuditEntries } from "@/lib/support/list-audit-entries";

export const metadata: Metadata = { title: "Support · Audit log" };

const FILTERS = [
  { key: "", label: "Everything" },
  { key: "SUPPORT_AGENT", label: "Support actions" },
  { key: "MERCHANT", label: "Merchant changes" },
  { key: "SYSTEM", label: "Automatic checks" },
] as const;

export default async function SupportAuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ shopId: string }>;
  searchParams: Promise<{ actor?: string | string[] }>;
}) {
  await requireSupportAgent();
  const { shopId } = await params;
  // Moments as the merchant sees them (the layout already refused an unknown shop).
  const timeZone = (await getSupportShopHeader(shopId))?.timeZone ?? "UTC";
  const raw = (await searchParams).actor;
  const actorType = FILTERS.find((f) => f.key && f.key === raw)?.key || undefined;
  const entries = await listAuditEntries(shopId, { actorType, take: 200 });
  const base = `/support/shops/${shopId}/audit`;
  return (
    <Card
      title="Audit log"
      description="Who did what in this shop, when and why: merchants' changes, support agents' actions (each with its reason) and automatic key checks. The latest 200 entries."
    >
      <nav aria-label="Filter the audit log" className="mb-4 flex flex-wrap gap-2">
        {FILTERS.map((f) => {
          const active = (actorType ?? "") === f.key;
          return (
            <Link
              key={f.key}
              href={f.key ? `${base}?actor=${f.key}` : base}
              aria-current={active ? "page" : undefined}
              className={`rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${active ? "bg-brand-50 text-brand-700 ring-brand-200" : "text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
            >
              {f.label}
            </Link>
          );
        })}
      </nav>
      <AuditList entries={entries} empty="Nothing recorded yet." timeZone={timeZone} />
    </Card>
  );
}
