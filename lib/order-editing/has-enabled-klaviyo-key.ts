import { prisma } from "@/lib/db/prisma";

/** Whether the shop has a Klaviyo key saved and enabled (editing events sent to Klaviyo are otherwise skipped). */
export async function hasEnabledKlaviyoKey(shopId: string): Promise<boolean> {
  const klaviyo = await prisma.klaviyoIntegration.findUnique({
    where: { shopId },
    select: { encryptedKey: true, enabled: true },
  });
  return Boolean(klaviyo?.encryptedKey && klaviyo.enabled);
}
