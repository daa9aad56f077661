import { prisma } from "@/lib/db/prisma";
import { integrationStatus, type StatusBanner } from "./integration-status";

/** What the browser may see of a shop's Postscript connection: never the key, only its last 4 characters. */
export type PostscriptConnectionView = {
  banner: StatusBanner;
  hasKey: boolean;
  keyLast4: string | null;
  enabled: boolean;
  verification: "VERIFIED" | "UNVERIFIED" | "INVALID";
  lastVerifiedAt: string | null;
  lastCheckedAt: string | null;
  lastError: string | null;
  accountName: string | null;
  firstConnectedAt: string | null;
};

/** Loads the safe view of a shop's Postscript connection. */
export async function getPostscriptConnection(shopId: string): Promise<PostscriptConnectionView> {
  const row = await prisma.integration.findUnique({ where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } } });
  return {
    banner: integrationStatus(row),
    hasKey: Boolean(row?.encryptedKey),
    keyLast4: row?.keyLast4 ?? null,
    enabled: row?.enabled ?? true,
    verification: row?.verification ?? "UNVERIFIED",
    lastVerifiedAt: row?.lastVerifiedAt?.toISOString() ?? null,
    lastCheckedAt: row?.lastCheckedAt?.toISOString() ?? null,
    lastError: row?.lastError ?? null,
    accountName: row?.accountName ?? null,
    firstConnectedAt: row?.firstConnectedAt?.toISOString() ?? null,
  };
}
