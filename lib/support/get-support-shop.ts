import { countWaitlist } from "@/lib/back-in-stock/count-waitlist";
import { listRecentRestocks, type RecentRestock } from "@/lib/back-in-stock/list-recent-restocks";
import { prisma } from "@/lib/db/prisma";
import { LEDGER_COUNT_DAYS } from "@/lib/deliveries/ledger-count-days";
import type { DeliveryStatus, SmsProvider, SyncStatus, WaitlistStatus } from "@/lib/generated/prisma/client";
import { getKlaviyoConnection, type KlaviyoConnection } from "@/lib/klaviyo-connection/get-klaviyo-connection";
import {
  getPostscriptConnection,
  type PostscriptConnectionView,
} from "@/lib/postscript-connection/get-postscript-connection";
import { EVENT_TYPES } from "@/lib/setup/event-catalog";
import { getFlowRows, type FlowRowView } from "@/lib/setup/get-flow-rows";
import { getSetupProgress, type SetupProgress } from "@/lib/setup/get-setup-progress";

export type SupportStrategy = {
  id: string;
  name: string;
  enabled: boolean;
  placement: "DURING_EDITING" | "ORDER_STATUS";
  notifyPostscript: boolean;
  notifyKlaviyo: boolean;
  discount: string;
};

/** Everything the support console's shop page shows (the key itself never: its last 4 only). */
export type SupportShopView = {
  shop: {
    id: string;
    name: string;
    domain: string;
    plan: "FREE" | "PAID";
    currency: string;
    timeZone: string;
    ownerEmail: string | null;
    createdAt: string;
    uninstalledAt: string | null;
  };
  provider: SmsProvider;
  postscript: PostscriptConnectionView & { keywordName: string | null };
  klaviyo: KlaviyoConnection;
  setup: SetupProgress;
  flows: FlowRowView[];
  strategies: SupportStrategy[];
  waitlist: { byStatus: Record<WaitlistStatus, number>; bySync: Record<SyncStatus, number> };
  restocks: RecentRestock[];
  /** Deliveries by status, changed in the last LEDGER_COUNT_DAYS days. */
  ledger: Record<DeliveryStatus, number>;
};

const WAITLIST_STATUSES: WaitlistStatus[] = ["WAITING", "NOTIFIED", "PURCHASED", "REMOVED"];
const SYNC_STATUSES: SyncStatus[] = ["NOT_NEEDED", "PENDING", "SYNCED", "FAILED"];
const DELIVERY_STATUSES: DeliveryStatus[] = [
  "PENDING",
  "SENDING",
  "RETRYING",
  "DELIVERED",
  "UNCONFIRMED",
  "FAILED",
  "SKIPPED",
];

function countBy<K extends string>(keys: K[], groups: { key: string; count: number }[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const g of groups) if (g.key in out) out[g.key as K] += g.count;
  return out;
}

/** The whole state of one shop for a support agent, or null when there is no such shop. */
export async function getSupportShop(shopId: string): Promise<SupportShopView | null> {
  const shop = await prisma.shop.findUnique({
    where: { id: shopId },
    select: {
      id: true,
      name: true,
      domain: true,
      plan: true,
      currency: true,
      timeZone: true,
      ownerEmail: true,
      createdAt: true,
      uninstalledAt: true,
      smsSettings: { select: { provider: true } },
      integrations: { where: { provider: "POSTSCRIPT" }, select: { keywordName: true } },
    },
  });
  if (!shop) return null;
  const ledgerSince = new Date(Date.now() - LEDGER_COUNT_DAYS * 86_400_000);
  const [postscript, klaviyo, setup, flows, strategies, waitlist, restocks, ledger] = await Promise.all([
    getPostscriptConnection(shopId),
    getKlaviyoConnection(shopId),
    getSetupProgress(shopId),
    getFlowRows(shopId, EVENT_TYPES),
    prisma.upsellStrategy.findMany({
      where: { shopId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        name: true,
        enabled: true,
        placement: true,
        notifyPostscript: true,
        notifyKlaviyo: true,
        discountType: true,
        discountValue: true,
      },
    }),
    countWaitlist(shopId),
    listRecentRestocks(shopId, 5),
    // Every status named, so each is one range of the (shopId, status, updatedAt) index.
    prisma.delivery.groupBy({
      by: ["status"],
      where: { shopId, status: { in: DELIVERY_STATUSES }, updatedAt: { gte: ledgerSince } },
      _count: { _all: true },
    }),
  ]);
  return {
    shop: {
      id: shop.id,
      name: shop.name,
      domain: shop.domain,
      plan: shop.plan,
      currency: shop.currency,
      timeZone: shop.timeZone,
      ownerEmail: shop.ownerEmail,
      createdAt: shop.createdAt.toISOString(),
      uninstalledAt: shop.uninstalledAt?.toISOString() ?? null,
    },
    provider: shop.smsSettings?.provider ?? "BUILT_IN",
    postscript: { ...postscript, keywordName: shop.integrations[0]?.keywordName ?? null },
    klaviyo,
    setup,
    flows,
    strategies: strategies.map((s) => ({
      id: s.id,
      name: s.name,
      enabled: s.enabled,
      placement: s.placement,
      notifyPostscript: s.notifyPostscript,
      notifyKlaviyo: s.notifyKlaviyo,
      discount: s.discountType === "PERCENTAGE" ? `${s.discountValue}% off` : `${s.discountValue} ${shop.currency} off`,
    })),
    waitlist: {
      byStatus: countBy(
        WAITLIST_STATUSES,
        waitlist.map((g) => ({ key: g.status, count: g.count })),
      ),
      bySync: countBy(
        SYNC_STATUSES,
        waitlist.filter((g) => g.status === "WAITING").map((g) => ({ key: g.postscriptSync, count: g.count })),
      ),
    },
    restocks,
    ledger: countBy(
      DELIVERY_STATUSES,
      ledger.map((g) => ({ key: g.status, count: g._count._all })),
    ),
  };
}
