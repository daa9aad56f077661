import { headers } from "next/headers";
import type { ReactNode } from "react";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { requireShop } from "@/lib/auth/require-shop";
import { listMemberShops } from "@/lib/auth/list-member-shops";

export default async function ShopLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ shopId: string }>;
}) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const shops = await listMemberShops(ctx.user.id);
  // Browsers mark a document loaded into a frame; only a merchant inside Shopify's admin gets App Bridge, which
  // outside the admin would send the page away to Shopify.
  const embedded = (await headers()).get("sec-fetch-dest") === "iframe" && ctx.role !== "SUPPORT_AGENT";
  return (
    <DashboardShell
      ctx={ctx}
      shops={shops.some((s) => s.id === ctx.shop.id) ? shops : [ctx.shop, ...shops]}
      embedded={embedded}
    >
      {children}
    </DashboardShell>
  );
}
