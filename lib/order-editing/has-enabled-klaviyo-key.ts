import { prisma } from "@/lib/db/prisma";
import { integrationWhere } from "@/lib/integrations/integration-where";

/** Whether the shop has a Klaviyo key saved and enabled (editing events sent to Klaviyo are otherwise skipped). */
export async function hasEnabledKlaviyoKey(shopId: string): Promise<boolean> {
  const klaviyo = await prisma.integration.findUnique({
    where: integrationWhere(shopId, "KLAVIYO"),
    select: { encryptedKey: true, enabled: true },
  });
  return Boolean(klaviyo?.encryptedKey && klaviyo.enabled);
}
