import { prisma } from "@/lib/db/prisma";
import type { Integration, IntegrationProvider } from "@/lib/generated/prisma/client";
import { integrationWhere } from "./integration-where";

/** A shop's integration row with one provider, or null when it never connected (the key stays sealed). */
export async function findIntegration(shopId: string, provider: IntegrationProvider): Promise<Integration | null> {
  return prisma.integration.findUnique({ where: integrationWhere(shopId, provider) });
}
