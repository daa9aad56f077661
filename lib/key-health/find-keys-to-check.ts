import { prisma } from "@/lib/db/prisma";
import type { KeyProvider } from "./key-provider";

/**
 * Shops (installed, with a saved key of the provider) whose key was last checked before `checkedBefore` or never,
 * oldest check first: a key the merchant verified this morning is not asked again today. `shopIds` limits the
 * search (tests, scripts).
 */
export async function findKeysToCheck(
  provider: KeyProvider,
  checkedBefore: Date,
  options: { take?: number; shopIds?: string[] } = {},
): Promise<string[]> {
  const take = options.take ?? 10_000;
  const where = {
    ...(options.shopIds ? { shopId: { in: options.shopIds } } : {}),
    encryptedKey: { not: null },
    shop: { uninstalledAt: null },
    OR: [{ lastCheckedAt: null }, { lastCheckedAt: { lt: checkedBefore } }],
  };
  const orderBy = { lastCheckedAt: { sort: "asc" as const, nulls: "first" as const } };
  const rows = await prisma.integration.findMany({
    where: { provider, ...where },
    orderBy,
    select: { shopId: true },
    take,
  });
  return rows.map((r) => r.shopId);
}
