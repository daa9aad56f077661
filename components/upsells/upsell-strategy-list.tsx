import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { formatDiscount } from "@/lib/upsell/format-discount";
import type { UpsellIntegrations } from "@/lib/upsell/get-upsell-integrations";
import type { UpsellStrategyRow } from "@/lib/upsell/list-upsell-strategies";
import { UPSELL_PLACEMENTS } from "@/lib/upsell/upsell-labels";
import { UpsellEnabledSwitch } from "./upsell-enabled-switch";

function productsSummary(strategy: UpsellStrategyRow): string {
  if (strategy.productRule === "SAME_VENDOR") return "Same vendor as the order";
  if (strategy.productRule === "SAME_PRODUCT_TYPE") return "Same product type as the order";
  const titles = strategy.products.map((p) => p.title);
  if (titles.length === 0) return "No products (they were deleted in Shopify)";
  return titles.length <= 2 ? titles.join(", ") : `${titles.slice(0, 2).join(", ")} and ${titles.length - 2} more`;
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
      <dd className="mt-0.5 text-sm text-slate-800">{children}</dd>
    </div>
  );
}

function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <span aria-hidden>⚠</span>
      <span>{children}</span>
    </p>
  );
}

/** Why a strategy's events or offers may not reach anyone; the first is the spec's #1 troubleshooting case. */
function strategyNotices(shopId: string, strategy: UpsellStrategyRow, integrations: UpsellIntegrations): ReactNode[] {
  const notices: ReactNode[] = [];
  if (strategy.enabled && !strategy.notifyPostscript) {
    notices.push(<>Upsell events won&apos;t reach Postscript: select Postscript in Advanced settings.</>);
  }
  if (strategy.notifyPostscript && !integrations.postscript.connected) {
    notices.push(
      <>
        Postscript is selected but not connected ({integrations.postscript.status}), so its events are skipped.{" "}
        <Link href={`/shops/${shopId}/postscript`} className="font-medium underline underline-offset-2">
          Connect Postscript
        </Link>
      </>,
    );
  }
  if (strategy.notifyKlaviyo && !integrations.klaviyo.connected) {
    notices.push(
      <>
        Klaviyo is selected but not connected, so its events are skipped.{" "}
        <Link href={`/shops/${shopId}/integrations`} className="font-medium underline underline-offset-2">
          Connect Klaviyo
        </Link>
      </>,
    );
  }
  const unpublished = strategy.products.filter((p) => !p.published).length;
  if (strategy.missingProductCount > 0 || unpublished > 0) {
    const parts = [
      strategy.missingProductCount > 0 ? `${strategy.missingProductCount} deleted in Shopify` : null,
      unpublished > 0 ? `${unpublished} not published` : null,
    ].filter(Boolean);
    notices.push(<>Some chosen products can&apos;t be offered ({parts.join(", ")}).</>);
  }
  return notices;
}

/** The shop's strategies in the order they are tried, each with its switch, integrations and any problem. */
export function UpsellStrategyList({
  shopId,
  currency,
  strategies,
  integrations,
  canWrite,
}: {
  shopId: string;
  currency: string;
  strategies: UpsellStrategyRow[];
  integrations: UpsellIntegrations;
  canWrite: boolean;
}) {
  return (
    <ol className="space-y-4">
      {strategies.map((strategy, index) => {
        const placement = UPSELL_PLACEMENTS.find((p) => p.value === strategy.placement)!;
        const notices = strategyNotices(shopId, strategy, integrations);
        const titleId = `strategy-${strategy.id}-name`;
        return (
          <li
            key={strategy.id}
            aria-labelledby={titleId}
            className={`rounded-xl bg-white shadow-sm ring-1 ring-slate-200 ${strategy.enabled ? "" : "bg-slate-50/60"}`}
          >
            <div className="flex flex-wrap items-start justify-between gap-4 px-5 pt-4">
              <div className="min-w-0">
                <p className="text-xs font-medium text-slate-500">#{index + 1}</p>
                <h2
                  id={titleId}
                  className={`text-base font-semibold ${strategy.enabled ? "text-slate-900" : "text-slate-500"}`}
                >
                  {strategy.name}
                </h2>
              </div>
              <UpsellEnabledSwitch
                shopId={shopId}
                strategyId={strategy.id}
                name={strategy.name}
                enabled={strategy.enabled}
                canWrite={canWrite}
              />
            </div>
            <dl className="grid gap-4 px-5 py-4 sm:grid-cols-2 lg:grid-cols-4">
              <Detail term="Fires">{placement.short}</Detail>
              <Detail term="Offers">
                {productsSummary(strategy)}
                <span className="block text-xs text-slate-500">
                  up to {strategy.maxOffers} {strategy.maxOffers === 1 ? "product" : "products"}
                </span>
              </Detail>
              <Detail term="Discount">{formatDiscount(strategy.discountType, strategy.discountValue, currency)}</Detail>
              <Detail term="Integrations">
                <span className="flex flex-wrap gap-1.5">
                  {strategy.notifyPostscript ? <Badge tone="info">Postscript</Badge> : null}
                  {strategy.notifyKlaviyo ? <Badge tone="info">Klaviyo</Badge> : null}
                  {!strategy.notifyPostscript && !strategy.notifyKlaviyo ? <Badge tone="neutral">None</Badge> : null}
                </span>
              </Detail>
            </dl>
            {notices.length ? (
              <div className="space-y-2 px-5 pb-4">
                {notices.map((notice, i) => (
                  <Notice key={i}>{notice}</Notice>
                ))}
              </div>
            ) : null}
            <div className="flex justify-end border-t border-slate-100 px-5 py-3">
              <Link
                href={`/shops/${shopId}/upsells/${strategy.id}`}
                aria-label={`${canWrite ? "Edit" : "View"} ${strategy.name}`}
                className="rounded-md px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
              >
                {canWrite ? "Edit" : "View"}
              </Link>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
