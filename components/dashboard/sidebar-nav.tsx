"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_ITEMS } from "./nav-items";

/** Sidebar links for one shop, the current page marked for sighted and screen-reader users. */
export function SidebarNav({ shopId, showSupport }: { shopId: string; showSupport: boolean }) {
  const pathname = usePathname();
  const base = `/shops/${shopId}`;
  const link = (href: string, label: string, active: boolean) => (
    <Link
      key={href}
      href={href}
      aria-current={active ? "page" : undefined}
      className={`block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${
        active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
      }`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Main" className="flex gap-1 overflow-x-auto md:flex-col md:overflow-visible">
      {NAV_ITEMS.map((item) => {
        const href = `${base}${item.href}`;
        const active = item.href === "" ? pathname === base : pathname.startsWith(href);
        return link(href, item.label, active);
      })}
      {showSupport ? (
        <div className="md:mt-4 md:border-t md:border-slate-200 md:pt-4">
          {link("/support", "Support console", pathname.startsWith("/support"))}
        </div>
      ) : null}
    </nav>
  );
}
