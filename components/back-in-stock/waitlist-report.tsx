import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { WaitlistFilter, WaitlistVariantRow } from "@/lib/back-in-stock/list-waitlist";
import { SendToWaitlistButton } from "./send-to-waitlist-button";

function age(iso: string | null): string {
  if (!iso) return "—";
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

/** Variants per page of the report: a big shop waits on hundreds, and rendering them all made the page slow. */
export const WAITLIST_PAGE_SIZE = 50;

/**
 * Reports → Current waitlist: per variant, who is waiting and since when, with search, filter, CSV and Send; a page
 * of WAITLIST_PAGE_SIZE variants at a time (`page` counts from 1), most waiting first.
 */
export function WaitlistReport({
  shopId,
  rows,
  filter,
  page,
  canWrite,
  storefrontHref,
}: {
  shopId: string;
  rows: WaitlistVariantRow[];
  filter: WaitlistFilter;
  page: number;
  canWrite: boolean;
  storefrontHref: string;
}) {
  const filtered = Boolean(filter.q) || (filter.status ?? "all") !== "all";
  const pages = Math.max(1, Math.ceil(rows.length / WAITLIST_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const first = (current - 1) * WAITLIST_PAGE_SIZE;
  const shown = rows.slice(first, first + WAITLIST_PAGE_SIZE);
  const pageHref = (n: number) => {
    const params = new URLSearchParams();
    if (filter.q) params.set("q", filter.q);
    if (filter.status && filter.status !== "all") params.set("status", filter.status);
    if (n > 1) params.set("page", String(n));
    const query = params.toString();
    return `/shops/${shopId}/back-in-stock${query ? `?${query}` : ""}`;
  };
  return (
    <div className="space-y-4">
      <form role="search" className="flex flex-wrap items-end gap-2" action={`/shops/${shopId}/back-in-stock`}>
        <div>
          <label htmlFor="waitlist-q" className="block text-xs font-medium text-slate-600">
            Search product, variant or SKU
          </label>
          <input
            id="waitlist-q"
            name="q"
            defaultValue={filter.q}
            className="mt-1 w-64 rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
          />
        </div>
        <div>
          <label htmlFor="waitlist-status" className="block text-xs font-medium text-slate-600">
            Status
          </label>
          <select
            id="waitlist-status"
            name="status"
            defaultValue={filter.status ?? "all"}
            className="mt-1 rounded-md border-0 py-1.5 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300"
          >
            <option value="all">All</option>
            <option value="waiting">Waiting</option>
            <option value="notified">Notified</option>
            <option value="purchased">Purchased</option>
          </select>
        </div>
        <button
          type="submit"
          className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          Filter
        </button>
        {filtered ? (
          <Link href={`/shops/${shopId}/back-in-stock`} className="py-1.5 text-sm text-brand-600">
            Clear
          </Link>
        ) : null}
        {canWrite ? (
          <a
            href={`/api/shops/${shopId}/waitlist.csv`}
            className="ml-auto rounded-md px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-inset ring-brand-600/30 hover:bg-brand-50"
            download
          >
            Export CSV
          </a>
        ) : null}
      </form>
      {rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No variants match">Try another search or status.</EmptyState>
        ) : (
          <EmptyState
            title="No waitlist signups yet"
            action={
              <a href={storefrontHref} target="_blank" rel="noreferrer" className="text-sm font-medium text-brand-600">
                Open the storefront preview →<span className="sr-only"> (opens in a new tab)</span>
              </a>
            }
          >
            Customers who ask to be notified about a sold-out variant on your storefront appear here, grouped by
            variant.
          </EmptyState>
        )
      ) : (
        <div className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Product
                </th>
                <th scope="col" className="px-4 py-3">
                  Waiting
                </th>
                <th scope="col" className="px-4 py-3">
                  Oldest signup
                </th>
                <th scope="col" className="px-4 py-3">
                  Notified · Purchased
                </th>
                <th scope="col" className="px-4 py-3">
                  Channel
                </th>
                <th scope="col" className="px-4 py-3">
                  Stock
                </th>
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">Send</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.map((r) => {
                const label = `${r.productTitle} – ${r.variantTitle}`;
                return (
                  <tr key={r.variantId}>
                    <td className="px-4 py-3">
                      <p className="font-medium text-slate-900">{r.productTitle}</p>
                      <p className="text-xs text-slate-500">
                        {r.variantTitle}
                        {r.sku ? ` · ${r.sku}` : ""}
                      </p>
                    </td>
                    <td className="px-4 py-3">
                      <p className="text-lg font-semibold text-slate-900">{r.waiting}</p>
                      {r.optedOut ? (
                        <p className="text-xs text-amber-800">{r.optedOut} opted out of texts (replied STOP)</p>
                      ) : null}
                    </td>
                    <td className="px-4 py-3 text-slate-700">{age(r.oldestWaitingAt)}</td>
                    <td className="px-4 py-3 text-slate-700">
                      {r.notified} · {r.purchased}
                    </td>
                    <td className="px-4 py-3 text-slate-700">{r.channels.join(", ")}</td>
                    <td className="px-4 py-3">
                      {r.inStock ? (
                        <Badge tone="success">{r.available} in stock</Badge>
                      ) : (
                        <Badge tone="neutral">Sold out</Badge>
                      )}
                    </td>
                    <td className="px-4 py-3 text-right">
                      {canWrite ? (
                        <SendToWaitlistButton
                          shopId={shopId}
                          variantId={r.variantId}
                          label={label}
                          waiting={r.waiting}
                          soldOut={!r.inStock}
                          available={r.available}
                        />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {pages > 1 ? (
            <nav
              aria-label="Waitlist pages"
              className="flex items-center justify-between gap-4 border-t border-slate-200 px-4 py-3 text-sm"
            >
              <p className="text-slate-600">
                Variants {first + 1}–{first + shown.length} of {rows.length}
              </p>
              <div className="flex gap-4">
                {current > 1 ? (
                  <Link href={pageHref(current - 1)} className="font-medium text-brand-600 hover:text-brand-700">
                    ← Previous
                  </Link>
                ) : null}
                {current < pages ? (
                  <Link href={pageHref(current + 1)} className="font-medium text-brand-600 hover:text-brand-700">
                    Next →
                  </Link>
                ) : null}
              </div>
            </nav>
          ) : null}
        </div>
      )}
    </div>
  );
}
