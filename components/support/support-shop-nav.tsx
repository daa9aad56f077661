"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The support shop page's sections; the current one is marked for sighted and screen-reader users. */
export function SupportShopNav({ shopId }: { shopId: string }) {
  const pathname = usePathname();
  const base = `/support/shops/${shopId}`;
  const items = [
    { href: base, label: "Overview", active: pathname === base },
    { href: `${base}/deliveries`, label: "Delivery ledger", active: pathname.startsWith(`${base}/deliveries`) },
    { href: `${base}/audit`, label: "Audit log", active: pathname.startsWith(`${base}/audit`) },
    { href: `${base}/reports`, label: "Reports", active: pathname.startsWith(`${base}/reports`) },
  ];
  return (
    <nav aria-label="Shop sections" className="mb-6 flex gap-1 border-b border-slate-200">
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={item.active ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
            item.active
              ? "border-brand-600 text-brand-700"
              : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
          }`}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
