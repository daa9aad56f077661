import type { Metadata } from "next";
import Link from "next/link";
import { PlanBadge } from "@/components/dashboard/plan-badge";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSupportAgent } from "@/lib/auth/require-support-agent";
import { searchShops } from "@/lib/support/search-shops";

export const metadata: Metadata = { title: "Support" };

const tone = { connected: "success", disabled: "neutral", not_configured: "warning", not_complete: "warning" } as const;

export default async function SupportPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await requireSupportAgent();
  const raw = (await searchParams).q;
  const q = typeof raw === "string" ? raw : "";
  const shops = await searchShops(q);
  return (
    <>
      <PageHeader
        title="Find a shop"
        description="Search by myshopify domain, store name or owner email. A shop's page shows its whole state and is read-only unless you take an audited action."
      />
      <form role="search" className="mb-6 flex gap-2">
        <label htmlFor="q" className="sr-only">
          Search shops
        </label>
        <input
          id="q"
          name="q"
          defaultValue={q}
          placeholder="acme-goods.myshopify.com, Acme, owner@store.com"
          className="w-full max-w-lg rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          Search
        </button>
      </form>
      {shops.length === 0 ? (
        <EmptyState title="No shops match">
          Try part of the domain, the store name, or the owner&apos;s email.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          {shops.map((s) => (
            <li key={s.id}>
              <Link
                href={`/support/shops/${s.id}`}
                className="flex flex-wrap items-center justify-between gap-3 px-5 py-4 hover:bg-slate-50"
              >
                <div>
                  <p className="text-sm font-semibold text-slate-900">{s.name}</p>
                  <p className="text-xs text-slate-500">
                    {s.domain} · {s.ownerEmail ?? "no owner email"}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  <PlanBadge plan={s.plan} />
                  <Badge tone={tone[s.banner.status]}>{s.banner.title}</Badge>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
