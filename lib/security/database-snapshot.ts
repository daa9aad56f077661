import { prisma } from "@/lib/db/prisma";

/** Which rows a snapshot covers: everything belonging to these shops, users, webhook domains and limiter keys. */
export type SnapshotScope = {
  shopIds: string[];
  userIds: string[];
  /** Webhook rows are also looked up by domain: an unknown shop's webhook has no shopId. */
  shopDomains: string[];
  /** SQL LIKE patterns over RateLimiterFlexible keys (throttles count per address, contact or account). */
  rateLimitKeys: string[];
};

/** Every table with a shopId column; the catalog test fails if the schema gains one that is missing here. */
export const SNAPSHOT_SHOP_TABLES = [
  "Membership",
  "Integration",
  "SmsSettings",
  "TestEvent",
  "FlowConfirmation",
  "BackInStockSettings",
  "Product",
  "Variant",
  "InventoryLevel",
  "Location",
  "CatalogSync",
  "WaitlistEntry",
  "Restock",
  "Order",
  "OrderEditingSettings",
  "OrderEdit",
  "UpsellStrategy",
  "Delivery",
  "ShopifyToken",
  "SubscriberConsent",
  "SendingPause",
  "SmsMessage",
  "SmsOptOut",
  "SmsSignupConsent",
  "SmsAllowanceUse",
  "ReportSettings",
  "ReportClick",
  "ReportAttribution",
  "ReportRefund",
  "LedgerRetention",
] as const;

// Tables whose primary key is not `id` (one row per shop).
const KEY_COLUMN: Partial<Record<(typeof SNAPSHOT_SHOP_TABLES)[number], string>> = {
  ShopifyToken: "shopId",
  SmsAllowanceUse: "month",
  ReportSettings: "shopId",
  LedgerRetention: "shopId",
};

export type DatabaseSnapshot = Record<string, unknown[]>;

async function rows(sql: string, ...params: unknown[]): Promise<unknown[]> {
  const [row] = await prisma.$queryRawUnsafe<{ rows: unknown[] }[]>(
    `SELECT coalesce(json_agg(t ORDER BY t._key), '[]'::json) AS rows FROM (${sql}) t`,
    ...params,
  );
  return row?.rows ?? [];
}

/** The tables with a shopId column, read from the live schema (to check SHOP_TABLES is complete). */
export async function shopScopedTables(): Promise<string[]> {
  const found = await prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND column_name = 'shopId' ORDER BY table_name`;
  return found.map((r) => r.table_name);
}

/**
 * A JSON copy of every row in scope, table by table, each ordered by its key, so two snapshots taken around a
 * refused request compare equal exactly when that request changed nothing the scope can see.
 */
export async function databaseSnapshot(scope: SnapshotScope): Promise<DatabaseSnapshot> {
  const snapshot: DatabaseSnapshot = {};
  snapshot.Shop = await rows(`SELECT id AS _key, * FROM "Shop" WHERE id = ANY($1)`, scope.shopIds);
  snapshot.User = await rows(`SELECT id AS _key, * FROM "User" WHERE id = ANY($1)`, scope.userIds);
  snapshot.SupportAgent = await rows(
    `SELECT id AS _key, * FROM "SupportAgent" WHERE "userId" = ANY($1)`,
    scope.userIds,
  );
  for (const table of SNAPSHOT_SHOP_TABLES) {
    snapshot[table] = await rows(
      `SELECT "${KEY_COLUMN[table] ?? "id"}" AS _key, * FROM "${table}" WHERE "shopId" = ANY($1)`,
      scope.shopIds,
    );
  }
  snapshot.WebhookEvent = await rows(
    `SELECT id AS _key, * FROM "WebhookEvent" WHERE "shopId" = ANY($1) OR "shopDomain" = ANY($2)`,
    scope.shopIds,
    scope.shopDomains,
  );
  // Keyed by the shop itself (one token per shop), so it has no id column of its own.
  snapshot.ShopifyToken = await rows(
    `SELECT "shopId" AS _key, * FROM "ShopifyToken" WHERE "shopId" = ANY($1)`,
    scope.shopIds,
  );
  snapshot.AuditLog = await rows(
    `SELECT id AS _key, * FROM "AuditLog" WHERE "shopId" = ANY($1) OR "actorUserId" = ANY($2)`,
    scope.shopIds,
    scope.userIds,
  );
  snapshot.RateLimiterFlexible = await rows(
    `SELECT key AS _key, * FROM "RateLimiterFlexible" WHERE key LIKE ANY($1)`,
    scope.rateLimitKeys,
  );
  return snapshot;
}
