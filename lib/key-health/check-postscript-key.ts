import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import type { KeyVerification } from "@/lib/generated/prisma/client";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import { postscriptClientForKey } from "@/lib/postscript-connection/postscript-client-for-key";

/** What asked for the check: the daily cron, or a restock about to text many customers. */
export type KeyCheckTrigger = "daily" | "before_fan_out";

export type KeyHealthResult =
  | { shopId: string; status: "verified"; restored: boolean }
  | { shopId: string; status: "invalid"; stoppedWorking: boolean; message: string }
  | { shopId: string; status: "unreachable"; message: string }
  | { shopId: string; status: "skipped"; reason: "no_key" | "uninstalled" | "unreadable" | "key_changed" };

export const STOPPED_WORKING_MESSAGE =
  "API key saved but connection could not be verified: Postscript no longer accepts this key. It may have been regenerated or expired; paste a new Private API Key.";

async function recordSystemAudit(shopId: string, action: string, metadata: Record<string, string>) {
  await prisma.auditLog.create({ data: { shopId, actorType: "SYSTEM", action, metadata } });
}

/**
 * Re-verifies a shop's saved Postscript key without anyone signed in (the daily check, before a large fan-out).
 * - Accepted: VERIFIED again; a key that had been unverified or refused is "restored" (held sends may go out).
 * - Refused (401/403/404): INVALID with a message the banner and dashboard show; the Postscript sender then pauses,
 *   keeping every delivery PENDING until a working key is saved. Only if the key checked is still the saved one.
 * - Postscript unreachable (timeout, 5xx, 429): nothing changes — an outage must not stop a working key.
 * A change of state is recorded in the audit log as a SYSTEM entry (keyLast4 only).
 */
export async function checkPostscriptKey(shopId: string, trigger: KeyCheckTrigger): Promise<KeyHealthResult> {
  const row = await prisma.postscriptIntegration.findUnique({
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
  const before: KeyVerification = row.verification;
  const keyLast4 = row.keyLast4 ?? "";
  const now = new Date();
  try {
    const me = await postscriptClientForKey(apiKey).getMe();
    const { count } = await prisma.postscriptIntegration.updateMany({
      where: { shopId, encryptedKey: sealed },
      data: { verification: "VERIFIED", lastVerifiedAt: now, lastCheckedAt: now, lastError: null, accountName: me.resourceName },
    });
    if (count === 0) return { shopId, status: "skipped", reason: "key_changed" };
    const restored = before !== "VERIFIED";
    if (restored) await recordSystemAudit(shopId, "key_health.restored", { trigger, keyLast4, previous: before });
    return { shopId, status: "verified", restored };
  } catch (error) {
    if (!(error instanceof PostscriptError)) throw error;
    if (error.kind !== "invalid_key" && error.kind !== "forbidden" && error.kind !== "not_found") {
      return { shopId, status: "unreachable", message: error.message };
    }
    const { count } = await prisma.postscriptIntegration.updateMany({
      where: { shopId, encryptedKey: sealed },
      data: { verification: "INVALID", lastCheckedAt: now, lastError: STOPPED_WORKING_MESSAGE },
    });
    if (count === 0) return { shopId, status: "skipped", reason: "key_changed" };
    const stoppedWorking = before !== "INVALID";
    if (stoppedWorking) await recordSystemAudit(shopId, "key_health.stopped_working", { trigger, keyLast4, previous: before, answer: error.message });
    return { shopId, status: "invalid", stoppedWorking, message: STOPPED_WORKING_MESSAGE };
  }
}
