import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { KlaviyoError } from "@/lib/klaviyo/klaviyo-error";
import { klaviyoClientForKey } from "@/lib/klaviyo-connection/klaviyo-client-for-key";
import type { KeyCheckTrigger, KeyHealthResult } from "./check-postscript-key";

export const KLAVIYO_STOPPED_WORKING_MESSAGE =
  "Key saved but connection could not be verified: Klaviyo no longer accepts this key. It may have been revoked or lost a scope; paste a new Private API Key.";

/**
 * The Klaviyo counterpart of checkPostscriptKey, for the daily check: a key Klaviyo refuses becomes INVALID
 * (sending through Klaviyo pauses), a key that answers becomes VERIFIED again, and an outage or rate limit
 * changes nothing. State changes are audited as SYSTEM entries.
 */
export async function checkKlaviyoKey(shopId: string, trigger: KeyCheckTrigger): Promise<KeyHealthResult> {
  const row = await prisma.klaviyoIntegration.findUnique({
    where: { shopId },
    select: { encryptedKey: true, keyLast4: true, verification: true, shop: { select: { uninstalledAt: true } } },
  });
  if (!row?.encryptedKey) return { shopId, status: "skipped", reason: "no_key" };
  if (row.shop.uninstalledAt) return { shopId, status: "skipped", reason: "uninstalled" };
  const sealed = row.encryptedKey;
  let apiKey: string;
  try {
    apiKey = decryptSecret(sealed);
  } catch {
    return { shopId, status: "skipped", reason: "unreadable" };
  }
  const audit = (action: string, metadata: Record<string, string>) =>
    prisma.auditLog.create({ data: { shopId, actorType: "SYSTEM", action, metadata: { trigger, keyLast4: row.keyLast4 ?? "", previous: row.verification, ...metadata } } });
  const now = new Date();
  try {
    const account = await klaviyoClientForKey(apiKey).getAccount();
    const { count } = await prisma.klaviyoIntegration.updateMany({
      where: { shopId, encryptedKey: sealed },
      data: { verification: "VERIFIED", lastVerifiedAt: now, lastCheckedAt: now, lastError: null, accountName: account.name },
    });
    if (count === 0) return { shopId, status: "skipped", reason: "key_changed" };
    const restored = row.verification !== "VERIFIED";
    if (restored) await audit("key_health.klaviyo_restored", {});
    return { shopId, status: "verified", restored };
  } catch (error) {
    if (!(error instanceof KlaviyoError)) throw error;
    if (error.kind !== "invalid_key" && error.kind !== "forbidden") return { shopId, status: "unreachable", message: error.message };
    const { count } = await prisma.klaviyoIntegration.updateMany({
      where: { shopId, encryptedKey: sealed },
      data: { verification: "INVALID", lastCheckedAt: now, lastError: KLAVIYO_STOPPED_WORKING_MESSAGE },
    });
    if (count === 0) return { shopId, status: "skipped", reason: "key_changed" };
    const stoppedWorking = row.verification !== "INVALID";
    if (stoppedWorking) await audit("key_health.klaviyo_stopped_working", { answer: error.message });
    return { shopId, status: "invalid", stoppedWorking, message: KLAVIYO_STOPPED_WORKING_MESSAGE };
  }
}
