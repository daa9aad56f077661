import { prisma } from "@/lib/db/prisma";
import { getPostscriptConnection } from "@/lib/postscript-connection/get-postscript-connection";

export type UpsellIntegrations = {
  postscript: { connected: boolean; status: string };
  klaviyo: { connected: boolean };
};

/** Whether the integrations a strategy can notify are ready to receive its events. */
export async function getUpsellIntegrations(shopId: string): Promise<UpsellIntegrations> {
  const [postscript, klaviyo] = await Promise.all([
    getPostscriptConnection(shopId),
    prisma.integration.findUnique({
      where: { shopId_provider: { shopId, provider: "KLAVIYO" } },
      select: { encryptedKey: true, enabled: true, verification: true },
    }),
  ]);
  return {
    postscript: { connected: postscript.banner.status === "connected", status: postscript.banner.title },
    klaviyo: { connected: Boolean(klaviyo?.encryptedKey && klaviyo.enabled && klaviyo.verification === "VERIFIED") },
  };
}
