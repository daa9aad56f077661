import { prisma } from "@/lib/db/prisma";
import { checkIntegrationKey, type KeyHealthResult } from "./check-integration-key";

/**
 * Settings of the pre-fan-out check; a plain object so tests can lower the threshold (as deliverStepOptions does
 * for the step budget).
 */
export const fanOutKeyCheckOptions = {
  /** A restock planning at least this many alerts re-verifies the key first. */
  largeFanOut: 500,
  /** A key verified this recently is trusted without asking again. */
  freshForMs: 10 * 60_000,
};

export type FanOutKeyCheck =
  | { checked: false; reason: "small" | "not_postscript" | "recently_verified" | "no_key" }
  | { checked: true; result: KeyHealthResult };

/**
 * Before a large restock fan-out: re-verifies the shop's Postscript key, so a key revoked since the last check
 * pauses the send up front (every alert stays PENDING for a working key) instead of failing at the first of
 * thousands of requests. Small fan-outs and freshly verified keys are not checked again.
 */
export async function verifyBeforeFanOut(shopId: string, planned: number): Promise<FanOutKeyCheck> {
  if (planned < fanOutKeyCheckOptions.largeFanOut) return { checked: false, reason: "small" };
  const shop = await prisma.shop.findUnique({
    where: { id: shopId },
    select: {
      smsSettings: { select: { provider: true } },
      integrations: {
        where: { provider: "POSTSCRIPT" },
        select: { encryptedKey: true, verification: true, lastVerifiedAt: true },
      },
    },
  });
  if (shop?.smsSettings?.provider !== "POSTSCRIPT") return { checked: false, reason: "not_postscript" };
  const integration = shop.integrations[0];
  if (!integration?.encryptedKey) return { checked: false, reason: "no_key" };
  const fresh =
    integration.lastVerifiedAt && Date.now() - integration.lastVerifiedAt.getTime() < fanOutKeyCheckOptions.freshForMs;
  if (integration.verification === "VERIFIED" && fresh) return { checked: false, reason: "recently_verified" };
  return { checked: true, result: await checkIntegrationKey("POSTSCRIPT", shopId, "before_fan_out") };
}
