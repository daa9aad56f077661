import type { Metadata } from "next";
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { SyncStatus } from "@/lib/generated/prisma/client";
import { listRecentSignups } from "@/lib/storefront/list-recent-signups";
import { listSoldOutVariants } from "@/lib/storefront/list-sold-out-variants";
import { requirePreviewShop } from "@/lib/storefront/require-preview-shop";
import { APP_PROXY_PATH_PREFIX } from "@/lib/storefront/sign-app-proxy-query";
import { NotifyMeForm } from "./notify-me-form";
import { RefreshWhileSyncing } from "./refresh-while-syncing";
import { ProductImage } from "@/components/ui/product-image";

export const metadata: Metadata = { title: "Storefront preview", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

const SYNC_LABELS: Record<SyncStatus, { label: string; tone: BadgeTone }> = {
  NOT_NEEDED: { label: "Not needed", tone: "neutral" },
  PENDING: { label: "Pending", tone: "warning" },
  SYNCED: { label: "Subscribed", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
};

function formatPrice(price: string, currency: string): string {
  const amount = Number(price);
  if (!Number.isFinite(amount)) return price;
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount);
  } catch {
    return `${price} ${currency}`;
  }
}

/**
 * The demo's storefront: the shop's sold-out variants, each with the "Notify me when available" form a theme
 * would show. Signups go through a server action that signs the request exactly as Shopify's app proxy does and
 * runs the real waitlist endpoint. Members of the shop only (404 for anyone else).
 */
export default async function StorefrontPreviewPage({ params }: { params: Promise<{ shopDomain: string }> }) {
  const { shopDomain } = await params;
  const ctx = await requirePreviewShop(shopDomain);
  const [variants, signups] = await Promise.all([listSoldOutVariants(ctx.shop.id), listRecentSignups(ctx.shop.id)]);
  const syncing = signups.some((signup) => signup.postscriptSync === "PENDING" && signup.postscriptSyncAttempts === 0);

  return (
    <div className="min-h-screen bg-white">
      <div role="note" className="border-b border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3">
          <p>
            <strong>Storefront preview — simulates your product page and Shopify&apos;s app proxy.</strong> Signups here
            are signed like Shopify&apos;s proxy signs them, go through the same endpoint your theme calls (
            <code className="font-mono text-xs">{APP_PROXY_PATH_PREFIX}/waitlist</code>) and create real waitlist
            entries.
          </p>
          <Link
            href={`/shops/${ctx.shop.id}/back-in-stock`}
            className="font-medium underline underline-offset-2 hover:text-amber-700"
          >
            ← Back to Signalboard
          </Link>
        </div>
      </div>

      <header className="border-b border-slate-200">
        <div className="mx-auto max-w-6xl px-4 py-6">
          <p className="text-xs uppercase tracking-widest text-slate-500">{ctx.shop.domain}</p>
          <h1 className="mt-1 text-3xl font-semibold tracking-tight text-slate-900">{ctx.shop.name}</h1>
        </div>
      </header>

      <main className="mx-auto max-w-6xl space-y-10 px-4 py-8">
        <section aria-labelledby="sold-out-heading">
          <h2 id="sold-out-heading" className="text-lg font-semibold text-slate-900">
            Sold out — join the waitlist
          </h2>
          {variants.length === 0 ? (
            <div className="mt-4 rounded-xl border border-dashed border-slate-300 px-6 py-10 text-center text-sm text-slate-600">
              <p className="font-semibold text-slate-900">Nothing is sold out right now</p>
              <p className="mx-auto mt-2 max-w-prose">
                Variants appear here when their stock is at or below your restock threshold. The catalog comes from
                Shopify&apos;s products and inventory webhooks.
              </p>
            </div>
          ) : (
            <ul className="mt-4 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
              {variants.map((variant) => {
                const label = `${variant.productTitle} – ${variant.variantTitle}`;
                return (
                  <li
                    key={variant.shopifyVariantId}
                    className="flex flex-col overflow-hidden rounded-xl ring-1 ring-slate-200"
                    data-testid="sold-out-variant"
                  >
                    <div className="flex aspect-[4/3] items-center justify-center bg-slate-100">
                      <ProductImage src={variant.imageUrl} alt={variant.productTitle} />
                    </div>
                    <div className="flex flex-1 flex-col gap-4 p-4">
                      <div>
                        {variant.vendor ? (
                          <p className="text-xs uppercase tracking-wide text-slate-500">{variant.vendor}</p>
                        ) : null}
                        <h3 className="text-base font-semibold text-slate-900">{variant.productTitle}</h3>
                        <p className="text-sm text-slate-600">{variant.variantTitle}</p>
                        <div className="mt-2 flex items-center gap-2">
                          <span className="text-sm font-medium text-slate-900">
                            {formatPrice(variant.price, ctx.shop.currency)}
                          </span>
                          <Badge tone="danger">Sold out</Badge>
                        </div>
                        <p className="mt-1 text-xs text-slate-500">
                          {variant.waiting === 1 ? "1 customer waiting" : `${variant.waiting} customers waiting`}
                        </p>
                      </div>
                      <NotifyMeForm
                        shopId={ctx.shop.id}
                        shopName={ctx.shop.name}
                        variantId={variant.shopifyVariantId}
                        label={label}
                      />
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <section aria-labelledby="signups-heading" className="rounded-xl bg-slate-50 p-5 ring-1 ring-slate-200">
          <h2 id="signups-heading" className="text-sm font-semibold text-slate-900">
            Behind the scenes: latest waitlist signups
          </h2>
          <p className="mt-1 text-xs text-slate-600">
            Only you see this part; shoppers see the store above. Contacts are masked.
          </p>
          <RefreshWhileSyncing active={syncing} stamp={signups[0]?.updatedAt ?? ""} />
          {signups.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">No signups yet.</p>
          ) : (
            <div className="relative mt-3 overflow-x-auto">
              <table className="min-w-full text-left text-sm">
                <thead className="text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th className="py-2 pr-4 font-medium">Name</th>
                    <th className="py-2 pr-4 font-medium">Contact</th>
                    <th className="py-2 pr-4 font-medium">Waiting for</th>
                    <th className="py-2 pr-4 font-medium">Status</th>
                    <th className="py-2 font-medium">Postscript subscriber</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200">
                  {signups.map((signup) => {
                    const sync = SYNC_LABELS[signup.postscriptSync];
                    return (
                      <tr key={signup.id} data-testid="recent-signup">
                        {/* Customer-typed text: rendered as text by React, never as markup. */}
                        <td className="max-w-48 truncate py-2 pr-4 text-slate-900">{signup.name ?? "—"}</td>
                        <td className="py-2 pr-4 font-mono text-xs text-slate-700">{signup.contact}</td>
                        <td className="py-2 pr-4 text-slate-700">{signup.product}</td>
                        <td className="py-2 pr-4 text-slate-700">{signup.status.toLowerCase()}</td>
                        <td className="py-2">
                          <Badge tone={sync.tone}>{sync.label}</Badge>
                          {signup.postscriptSyncError ? (
                            <p className="mt-1 max-w-sm text-xs text-slate-600">
                              {signup.postscriptSyncError}
                              {signup.postscriptSync === "PENDING"
                                ? ` (attempt ${signup.postscriptSyncAttempts}; retried automatically)`
                                : ""}
                            </p>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </main>
    </div>
  );
}
