import type { IntegrationProvider } from "@/lib/generated/prisma/client";

/** The unique where of a shop's integration with one provider (one row per shop and provider). */
export function integrationWhere(shopId: string, provider: IntegrationProvider) {
  return { shopId_provider: { shopId, provider } } as const;
}
