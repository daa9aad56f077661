"use client";

import * as Select from "@radix-ui/react-select";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { AddableVariant } from "@/lib/order-editing/get-portal-view";
import { formatMoney } from "@/lib/upsell/format-money";

const label = (v: AddableVariant) => (v.variantTitle ? `${v.productTitle} (${v.variantTitle})` : v.productTitle);

/** Any in-stock (or preorder) item of the store, added at its regular price. */
export function CatalogPicker({
  catalog,
  currency,
  onAdd,
}: {
  catalog: AddableVariant[];
  currency: string;
  onAdd: (variantId: string) => void;
}) {
  const [choice, setChoice] = useState<string>("");
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2">
      <Select.Root value={choice} onValueChange={setChoice}>
        <Select.Trigger
          aria-label="Item to add"
          className="inline-flex min-w-72 items-center justify-between gap-2 rounded-md bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          <Select.Value placeholder="Choose an item" />
          <Select.Icon className="text-slate-400" aria-hidden>
            ▾
          </Select.Icon>
        </Select.Trigger>
        <Select.Portal>
          <Select.Content
            position="popper"
            sideOffset={4}
            className="z-50 max-h-72 min-w-[var(--radix-select-trigger-width)] overflow-y-auto rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200"
          >
            <Select.Viewport>
              {catalog.map((v) => (
                <Select.Item
                  key={v.variantId}
                  value={v.variantId}
                  className="cursor-pointer rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-brand-50"
                >
                  <Select.ItemText>{label(v)}</Select.ItemText>
                  <span className="ml-2 text-slate-500">
                    {formatMoney(v.price, currency)}
                    {v.preorder && v.available <= 0 ? " · preorder" : ""}
                  </span>
                </Select.Item>
              ))}
            </Select.Viewport>
          </Select.Content>
        </Select.Portal>
      </Select.Root>
      <Button
        variant="secondary"
        disabled={!choice}
        onClick={() => {
          onAdd(choice);
          setChoice("");
        }}
      >
        Add item
      </Button>
    </div>
  );
}
