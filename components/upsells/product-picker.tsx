"use client";

import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { formatMoney } from "@/lib/upsell/format-money";
import type { UpsellProductOption } from "@/lib/upsell/list-upsell-products";
import { UPSELL_LIMITS } from "@/lib/upsell/upsell-labels";

// Below this many products the whole list fits on screen, so a filter box would only be noise.
const FILTER_FROM = 8;

function priceRange(product: UpsellProductOption, currency: string): string | null {
  if (!product.minPrice) return null;
  const min = formatMoney(product.minPrice, currency);
  return product.maxPrice && product.maxPrice !== product.minPrice
    ? `${min}–${formatMoney(product.maxPrice, currency)}`
    : min;
}

function Stock({ product }: { product: UpsellProductOption }) {
  if (product.available > 0) return <span className="text-emerald-700">{product.available} in stock</span>;
  if (product.preorder) return <span className="text-brand-700">Preorder</span>;
  return <span className="text-amber-700">Sold out</span>;
}

/**
 * Checkboxes for the shop's catalog; the order products are chosen in is the order they are offered, shown as
 * numbered chips that stay visible while the list is filtered.
 */
export function ProductPicker({
  id: groupId,
  products,
  selected,
  onChange,
  currency,
  disabled,
  errorId,
  invalid,
}: {
  id: string;
  products: UpsellProductOption[];
  selected: string[];
  onChange: (ids: string[]) => void;
  currency: string;
  disabled: boolean;
  errorId?: string;
  invalid: boolean;
}) {
  const id = useId();
  const [filter, setFilter] = useState("");
  const byId = new Map(products.map((p) => [p.id, p]));
  const query = filter.trim().toLowerCase();
  const visible = query
    ? products.filter((p) => [p.title, p.vendor, p.productType].some((text) => text?.toLowerCase().includes(query)))
    : products;
  const full = selected.length >= UPSELL_LIMITS.products;

  const toggle = (productId: string, checked: boolean) =>
    onChange(checked ? [...selected, productId] : selected.filter((s) => s !== productId));

  if (products.length === 0) {
    return (
      <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
        No products in your catalog yet. Shopify sends them to Signalboard as they are created or updated; meanwhile,
        offer products by vendor or product type.
      </p>
    );
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2" aria-live="polite">
        <span className="text-sm text-slate-700">
          {selected.length === 0
            ? "No products chosen yet."
            : `${selected.length} of at most ${UPSELL_LIMITS.products} chosen, offered in this order:`}
        </span>
        {selected.map((productId, index) => (
          <span
            key={productId}
            className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pl-2 pr-1 text-xs font-medium text-brand-700 ring-1 ring-inset ring-brand-600/20"
          >
            {index + 1}. {byId.get(productId)?.title ?? "Unknown product"}
            {disabled ? null : (
              <button
                type="button"
                onClick={() => toggle(productId, false)}
                aria-label={`Remove ${byId.get(productId)?.title ?? "product"}`}
                className="rounded-full px-1 text-brand-700 hover:bg-brand-100"
              >
                ×
              </button>
            )}
          </span>
        ))}
      </div>

      {products.length > FILTER_FROM ? (
        <div>
          <label htmlFor={`${id}-filter`} className="sr-only">
            Filter products
          </label>
          <input
            id={`${id}-filter`}
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="Filter by title, vendor or type"
            className="w-full max-w-sm rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
          />
        </div>
      ) : null}

      <div
        id={groupId}
        role="group"
        aria-label="Choose products"
        aria-describedby={errorId}
        className={`max-h-96 divide-y divide-slate-100 overflow-y-auto rounded-lg ring-1 ${invalid ? "ring-red-300" : "ring-slate-200"}`}
      >
        {visible.length === 0 ? (
          <p className="px-4 py-6 text-center text-sm text-slate-600">No products match “{filter.trim()}”.</p>
        ) : (
          visible.map((product) => {
            const checked = selected.includes(product.id);
            const inputId = `${id}-${product.id}`;
            const range = priceRange(product, currency);
            return (
              <div
                key={product.id}
                className={`flex items-start gap-3 px-4 py-2.5 ${checked ? "bg-brand-50/50" : "hover:bg-slate-50"}`}
              >
                <input
                  id={inputId}
                  type="checkbox"
                  checked={checked}
                  disabled={disabled || (!checked && full)}
                  onChange={(e) => toggle(product.id, e.target.checked)}
                  aria-labelledby={`${inputId}-title`}
                  aria-describedby={`${inputId}-details`}
                  className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600"
                />
                <label htmlFor={inputId} className="min-w-0 flex-1 cursor-pointer text-sm">
                  <span className="flex flex-wrap items-center gap-2">
                    <span id={`${inputId}-title`} className="font-medium text-slate-900">
                      {product.title}
                    </span>
                    {product.published ? null : <Badge tone="warning">Not published</Badge>}
                  </span>
                  <span id={`${inputId}-details`} className="mt-0.5 block text-xs text-slate-500">
                    {[product.vendor, product.productType, range].filter(Boolean).join(" · ")}
                    {" · "}
                    <Stock product={product} />
                    {product.variantCount > 1 ? ` · ${product.variantCount} variants` : null}
                  </span>
                </label>
              </div>
            );
          })
        )}
      </div>
      {full ? (
        <p className="text-xs text-slate-600">
          That&apos;s the maximum of {UPSELL_LIMITS.products} products: remove one to choose another.
        </p>
      ) : null}
      <p className="text-xs text-slate-500">
        Products already in the customer&apos;s order, sold out (unless on preorder) or unpublished are skipped when
        offers are made.
      </p>
    </div>
  );
}
