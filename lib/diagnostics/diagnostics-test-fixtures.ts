import { randomBytes } from "node:crypto";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { postscriptClientForKey } from "@/lib/integrations/postscript-client-for-key";
import type { DiagnosticId } from "./diagnostic-check";
import { runDiagnostics } from "./run-diagnostics";

/**
 * Test fixtures for the diagnostics: ledger rows, test events and flow confirmations written the way the app
 * writes them, and a helper that runs the diagnostics and returns one check. Not used by the app.
 */

/** Runs every check for the shop and returns the one asked for. */
export async function diagnostic(shopId: string, id: DiagnosticId) {
  const report = await runDiagnostics(shopId);
  const check = report?.checks.find((c) => c.id === id);
  if (!check) throw new Error(`check ${id} missing`);
  return check;
}

/** A ledger row as the engine leaves it (defaults: a delivered back-in-stock alert to a phone, through Postscript). */
export async function addDelivery(shopId: string, data: Partial<Prisma.DeliveryUncheckedCreateInput> = {}) {
  const status = data.status ?? "DELIVERED";
  return prisma.delivery.create({
    data: {
      shopId,
      provider: "POSTSCRIPT",
      eventType: "back_in_stock_sms_alert",
      idempotencyKey: `${shopId}:test:${randomBytes(6).toString("hex")}`,
      recipientPhone: "+14155552671",
      properties: { product_title: "Trail Jacket" },
      attempts: status === "PENDING" ? 0 : 1,
      deliveredAt: status === "DELIVERED" ? new Date() : null,
      responseStatus: status === "DELIVERED" ? 202 : null,
      responseBody:
        status === "DELIVERED" ? JSON.stringify({ event_ids: [`evt_${randomBytes(4).toString("hex")}`] }) : null,
      nextAttemptAt: status === "PENDING" || status === "RETRYING" ? new Date() : null,
      ...data,
      status,
    },
  });
}

/** "Send test event" accepted and "I've created the Flow" for each type: the flow row's checkmark. */
export async function completeFlows(shopId: string, types: string[]) {
  for (const eventType of types) {
    await prisma.testEvent.create({ data: { shopId, eventType, status: "ACCEPTED", postscriptEventId: "evt_test" } });
    await prisma.flowConfirmation.create({ data: { shopId, eventType, confirmedByName: "Test Merchant" } });
  }
}

/** Chooses the account's first keyword (the sandbox creates RESTOCK, VIP and WELCOME for a new key). */
export async function chooseFirstKeyword(shopId: string, apiKey: string) {
  const listed = await postscriptClientForKey(apiKey).listKeywords();
  const [keyword] = listed;
  if (!keyword) throw new Error("no keyword in the sandbox account");
  // As saving a keyword does: the choice, and the account's listing it was chosen from (pages read the listing).
  await prisma.integration.update({
    where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
    data: {
      keywordId: keyword.id,
      keywordName: keyword.keyword,
      keywordList: listed.map((k) => ({ id: k.id, keyword: k.keyword })),
      keywordListedAt: new Date(),
    },
  });
  return keyword;
}

/** Stores a key the way the app would after it was once accepted (for keys the sandbox now refuses). */
export async function storeKey(
  shopId: string,
  apiKey: string,
  verification: "VERIFIED" | "UNVERIFIED" | "INVALID" = "VERIFIED",
) {
  const data = {
    encryptedKey: encryptSecret(apiKey),
    keyLast4: apiKey.slice(-4),
    verification,
    enabled: true,
    lastVerifiedAt: new Date(),
  };
  await prisma.integration.upsert({
    where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
    create: { provider: "POSTSCRIPT", shopId, ...data },
    update: data,
  });
}

/** Moves a row's timestamps back, as if it happened `days` ago. */
export async function age(deliveryId: string, days: number) {
  const at = new Date(Date.now() - days * 86_400_000);
  await prisma.delivery.update({ where: { id: deliveryId }, data: { createdAt: at, updatedAt: at, deliveredAt: at } });
}

/** What Postscript's opt-in (or opt-out) webhook records for a phone, `minutesAgo` before now. */
export async function recordConsent(
  shopId: string,
  phone: string,
  state: "OPTED_IN" | "OPTED_OUT" = "OPTED_IN",
  minutesAgo = 60,
) {
  const at = new Date(Date.now() - minutesAgo * 60_000);
  const times = state === "OPTED_IN" ? { optedInAt: at } : { optedOutAt: at };
  return prisma.subscriberConsent.upsert({
    where: { shopId_phone: { shopId, phone } },
    create: { shopId, phone, state, lastEventAt: at, ...times },
    update: { state, lastEventAt: at, ...times },
  });
}
