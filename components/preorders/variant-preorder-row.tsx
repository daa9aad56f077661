"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useAction } from "@/lib/actions/use-action";
import { setVariantPreorderAction } from "@/lib/catalog/actions";
import type { CatalogVariant } from "@/lib/catalog/list-catalog-variants";

/** One catalog variant with its preorder switch and shipping timeline. */
export function VariantPreorderRow({
  shopId,
  variant,
  canWrite,
}: {
  shopId: string;
  variant: CatalogVariant;
  canWrite: boolean;
}) {
  const [preorder, setPreorder] = useState(variant.preorder);
  const [timeline, setTimeline] = useState(variant.shippingTimeline ?? "");
  const save = useAction(setVariantPreorderAction);
  const changed = preorder !== variant.preorder || timeline !== (variant.shippingTimeline ?? "");
  const label = `${variant.productTitle} – ${variant.variantTitle}`;
  return (
    <tr>
      <td className="px-4 py-3">
        <p className="font-medium text-slate-900">{variant.productTitle}</p>
        <p className="text-xs text-slate-500">
          {variant.variantTitle}
          {variant.sku ? ` · ${variant.sku}` : ""} · {variant.available} in stock
        </p>
      </td>
      <td className="px-4 py-3">
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={preorder}
            disabled={!canWrite}
            onChange={(e) => setPreorder(e.target.checked)}
            aria-label={`Sell ${label} as a preorder`}
            className="h-4 w-4 rounded border-slate-300"
          />
          Preorder
        </label>
      </td>
      <td className="px-4 py-3">
        <input
          value={timeline}
          disabled={!canWrite || !preorder}
          onChange={(e) => setTimeline(e.target.value)}
          placeholder="Ships by December 15"
          aria-label={`Shipping timeline for ${label}`}
          className="w-56 rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 disabled:bg-slate-50"
        />
      </td>
      <td className="px-4 py-3 text-right">
        {canWrite ? (
          <div className="flex items-center justify-end gap-2">
            {save.error ? (
              <span role="alert" className="max-w-64 text-xs text-red-700">
                {save.error}
              </span>
            ) : null}
            {save.result?.ok && !changed ? (
              <span role="status" className="text-xs text-emerald-700">
                Saved
              </span>
            ) : null}
            <Button
              variant="secondary"
              onClick={() => save.execute({ shopId, variantId: variant.id, preorder, shippingTimeline: timeline })}
              pending={save.pending}
              disabled={!changed}
              aria-label={`Save preorder settings for ${label}`}
            >
              Save
            </Button>
          </div>
        ) : null}
      </td>
    </tr>
  );
}
