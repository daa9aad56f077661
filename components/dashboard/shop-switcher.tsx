"use client";

import * as Select from "@radix-ui/react-select";
import { useRouter } from "next/navigation";

export type SwitcherShop = { id: string; name: string; domain: string };

/** Lets a merchant with several shops move between them; a single shop is shown as plain text. */
export function ShopSwitcher({ current, shops }: { current: SwitcherShop; shops: SwitcherShop[] }) {
  const router = useRouter();
  if (shops.length < 2) {
    return (
      <div className="min-w-0">
        <p className="truncate text-sm font-semibold text-slate-900">{current.name}</p>
        <p className="truncate text-xs text-slate-500">{current.domain}</p>
      </div>
    );
  }
  return (
    <Select.Root value={current.id} onValueChange={(id) => router.push(`/shops/${id}`)}>
      <Select.Trigger
        aria-label="Switch shop"
        className="flex w-full min-w-0 items-center justify-between gap-2 rounded-md px-2 py-1.5 text-left ring-1 ring-slate-200 hover:bg-slate-50"
      >
        <span className="min-w-0">
          <span className="block truncate text-sm font-semibold text-slate-900">{current.name}</span>
          <span className="block truncate text-xs text-slate-500">{current.domain}</span>
        </span>
        <Select.Icon className="text-slate-400" aria-hidden>
          ▾
        </Select.Icon>
      </Select.Trigger>
      <Select.Portal>
        <Select.Content
          position="popper"
          sideOffset={4}
          className="z-50 min-w-[var(--radix-select-trigger-width)] rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200"
        >
          <Select.Viewport>
            {shops.map((shop) => (
              <Select.Item
                key={shop.id}
                value={shop.id}
                className="cursor-pointer rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-brand-50 data-[state=checked]:font-semibold"
              >
                <Select.ItemText>{shop.name}</Select.ItemText>
                <span className="block text-xs text-slate-500">{shop.domain}</span>
              </Select.Item>
            ))}
          </Select.Viewport>
        </Select.Content>
      </Select.Portal>
    </Select.Root>
  );
}
