import type { ReactNode } from "react";
import { AdminNavMenu } from "@/components/shopify/admin-nav-menu";
import { AppBridgeScript } from "@/components/shopify/app-bridge-script";
import { EmbeddedSwitch } from "@/components/shopify/embedded-switch";
import type { ShopContext } from "@/lib/auth/shop-context";
import { PlanBadge } from "./plan-badge";
import { ShopSwitcher, type SwitcherShop } from "./shop-switcher";
import { SidebarNav } from "./sidebar-nav";
import { UserMenu } from "./user-menu";

/**
 * The merchant dashboard frame: sidebar with the shop and its pages, top bar with plan and account. Inside
 * Shopify's admin (`embedded`) App Bridge loads, the pages move into the admin's navigation and the sidebar goes.
 */
export function DashboardShell({
  ctx,
  shops,
  embedded,
  children,
}: {
  ctx: ShopContext;
  shops: SwitcherShop[];
  embedded: boolean;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen md:flex">
      <EmbeddedSwitch
        embedded={embedded}
        inside={
          <>
            <AppBridgeScript />
            <AdminNavMenu shopId={ctx.shop.id} shopDomain={ctx.shop.domain} />
          </>
        }
        outside={<Sidebar ctx={ctx} shops={shops} />}
      />
      <div className="min-w-0 flex-1">
        <header className="flex items-center justify-between gap-4 border-b border-slate-200 bg-white px-6 py-3">
          <div className="flex min-w-0 items-center gap-3">
            <p className="truncate text-sm font-semibold text-slate-900">{ctx.shop.name}</p>
            <PlanBadge plan={ctx.shop.plan} />
          </div>
          {/* Inside the admin, Shopify's own account menu signs people out; our sign-in page cannot show in its frame. */}
          <EmbeddedSwitch
            embedded={embedded}
            inside={<UserMenu name={ctx.user.name} email={ctx.user.email} canSignOut={false} />}
            outside={<UserMenu name={ctx.user.name} email={ctx.user.email} canSignOut />}
          />
        </header>
        {ctx.role === "SUPPORT_AGENT" ? (
          <div role="note" className="border-b border-amber-200 bg-amber-50 px-6 py-2 text-sm text-amber-900">
            You are viewing this shop as a support agent. Everything here is read-only.
          </div>
        ) : null}
        <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
      </div>
    </div>
  );
}

function Sidebar({ ctx, shops }: { ctx: ShopContext; shops: SwitcherShop[] }) {
  return (
    <aside className="border-b border-slate-200 bg-white md:sticky md:top-0 md:flex md:h-screen md:w-60 md:shrink-0 md:flex-col md:border-b-0 md:border-r">
      <div className="flex items-center gap-2 px-4 py-4">
        <div
          className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md bg-brand-600 font-bold text-white"
          aria-hidden
        >
          S
        </div>
        <span className="text-base font-semibold">Signalboard</span>
      </div>
      <div className="px-3 pb-3">
        <ShopSwitcher current={ctx.shop} shops={shops} />
      </div>
      <div className="px-3 pb-3 md:flex-1 md:overflow-y-auto">
        <SidebarNav shopId={ctx.shop.id} showSupport={ctx.user.isSupportAgent} />
      </div>
    </aside>
  );
}
