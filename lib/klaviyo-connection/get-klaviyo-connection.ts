import { prisma } from "@/lib/db/prisma";
import { klaviyoStatus, type KlaviyoStatus } from "./klaviyo-status";

/** What anyone outside this module (and the browser) may see of a shop's Klaviyo connection: never the key. */
export type KlaviyoConnection = {
  status: KlaviyoStatus;
  /** The key's last 4 characters, the only part of it ever shown. */
  keyLast4: string | null;
  accountName: string | null;
  lastVerifiedAt: Date | null;
  lastError: string | null;
};

/** Loads the safe view of a shop's Klaviyo connection (`not_configured` when there is none). */
export async function getKlaviyoConnection(shopId: string): Promise<KlaviyoConnection> {
  const row = await prisma.integration.findUnique({
    where: { shopId_provider: { shopId, provider: "KLAVIYO" } },
    select: {
      encryptedKey: true,
      enabled: true,
      verification: true,
      keyLast4: true,
      accountName: true,
      lastVerifiedAt: true,
      lastError: true,
    },
  });
  const status = klaviyoStatus(row);
  const hasKey = status !== "not_configured";
  return {
    status,
    keyLast4: hasKey ? (row?.keyLast4 ?? null) : null,
    accountName: hasKey ? (row?.accountName ?? null) : null,
    lastVerifiedAt: hasKey ? (row?.lastVerifiedAt ?? null) : null,
    lastError: hasKey ? (row?.lastError ?? null) : null,
  };
}
