import { prisma } from "@/lib/db/prisma";
import { clientForShop, IntegrationUnavailableError } from "@/lib/integrations/client-for-shop";
import { findIntegration } from "@/lib/integrations/find-integration";
import { adapterFor, type RegisteredProvider } from "@/lib/integrations/registry";

/** What asked for the check: the daily cron, or a restock about to text many customers. */
export type KeyCheckTrigger = "daily" | "before_fan_out";

export type KeyHealthResult =
  | { shopId: string; status: "verified"; restored: boolean }
  | { shopId: string; status: "invalid"; stoppedWorking: boolean; message: string }
  | { shopId: string; status: "unreachable"; message: string }
  | { shopId: string; status: "skipped"; reason: "no_key" | "uninstalled" | "unreadable" | "key_changed" };

/**
 * Re-verifies a shop's saved key with one provider without anyone signed in (the daily check, before a large
 * fan-out).
 * - Accepted: VERIFIED again; a key that had been unverified or refused is "restored" (held sends may go out).
 * - Refused: INVALID with the adapter's message, which the banner and dashboard show; that provider's sender then
 *   pauses, keeping every delivery PENDING until a working key is saved. Only if the key checked is still the
 *   saved one.
 * - The provider unreachable or busy (timeout, 5xx, 429): nothing changes — an outage must not stop a working key.
 * A change of state is recorded in the audit log as a SYSTEM entry (keyLast4 only).
 */
export async function checkIntegrationKey(
  provider: RegisteredProvider,
  shopId: string,
  trigger: KeyCheckTrigger,
): Promise<KeyHealthResult> {
  const adapter = adapterFor(provider);
  const row = await findIntegration(shopId, provider);
  if (!row?.encryptedKey) return { shopId, status: "skipped", reason: "no_key" };
  const shop = await prisma.shop.findUnique({ where: { id: shopId }, select: { uninstalledAt: true } });
  if (shop?.uninstalledAt) return { shopId, status: "skipped", reason: "uninstalled" };
  let client;
  try {
    ({ client } = await clientForShop(provider, shopId, { integration: row, require: "saved" }));
  } catch (error) {
    if (error instanceof IntegrationUnavailableError) return { shopId, status: "skipped", reason: "unreadable" };
    throw error;
  }
  const sealed = row.encryptedKey;
  const audit = (action: string, metadata: Record<string, string>) =>
    prisma.auditLog.create({
      data: {
        shopId,
        actorType: "SYSTEM",
        action,
        metadata: { trigger, keyLast4: row.keyLast4 ?? "", previous: row.verification, ...metadata },
      },
    });
  const now = new Date();
  try {
    const accountName = await adapter.fetchAccountName(client);
    const { count } = await prisma.integration.updateMany({
      where: { shopId, provider, encryptedKey: sealed },
      data: { verification: "VERIFIED", lastVerifiedAt: now, lastCheckedAt: now, lastError: null, accountName },
    });
    if (count === 0) return { shopId, status: "skipped", reason: "key_changed" };
    const restored = row.verification !== "VERIFIED";
    if (restored) await audit(adapter.keyHealthAudit.restored, {});
    return { shopId, status: "verified", restored };
  } catch (error) {
    const judged = adapter.judgeKeyError(error);
    if (!judged) throw error;
    if (judged.verdict !== "refused") return { shopId, status: "unreachable", message: judged.message };
    const message = adapter.messages.stoppedWorking;
    const { count } = await prisma.integration.updateMany({
      where: { shopId, provider, encryptedKey: sealed },
      data: { verification: "INVALID", lastCheckedAt: now, lastError: message },
    });
    if (count === 0) return { shopId, status: "skipped", reason: "key_changed" };
    const stoppedWorking = row.verification !== "INVALID";
    if (stoppedWorking) await audit(adapter.keyHealthAudit.stoppedWorking, { answer: judged.message });
    return { shopId, status: "invalid", stoppedWorking, message };
  }
}
