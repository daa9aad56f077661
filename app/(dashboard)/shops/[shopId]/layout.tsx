import { headers } from "next/headers";
import type { ReactNode } from "react";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { requireShop } from "@/lib/auth/require-shop";
import { prisma } from "@/lib/db/prisma";

export default async function ShopLayout({ children, params }: { children: ReactNode; params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const memberships = await prisma.membership.findMany({
    where: { userId: ctx.user.id },
    orderBy: { shop: { name: "asc" } },
    select: { shop: { select: { id: true, name: true, domain: true } } },
  });
  const shops = memberships.map((m) => m.shop);
  // Browsers mark a document loaded into a frame; only a merchant inside Shopify's admin gets App Bridge, which
  // outside the admin would send the page away to Shopify.
  const embedded = (await headers()).get("sec-fetch-dest") === "iframe" && ctx.role !== "SUPPORT_AGENT";
  return (
    <DashboardShell ctx={ctx} shops={shops.some((s) => s.id === ctx.shop.id) ? shops : [ctx.shop, ...shops]} embedded={embedded}>
      {children}
    </DashboardShell>
  );
}
