import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientForShop } from "@/lib/integrations/client-for-shop";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { getSmsSettings } from "@/lib/sms-settings/get-sms-settings";

/** After this many attempts a sync that keeps failing for a passing reason is marked FAILED instead of retried. */
export const MAX_SUBSCRIBER_SYNC_ATTEMPTS = 10;

/** Tags every waitlist subscriber carries in Postscript, so the merchant can segment them. */
export const SUBSCRIBER_TAGS = ["signalboard", "back-in-stock"] as const;

export const NO_KEYWORD_MESSAGE =
  "Choose a keyword in Postscript setup step 3, so waitlist signups can be subscribed in Postscript.";

export type SyncSubscriberResult =
  | { status: "SYNCED"; subscriberId: string; created: boolean }
  | { status: "PENDING"; error: string }
  | { status: "FAILED"; error: string }
  | { status: "NOT_NEEDED"; reason: string };

async function recordOutcome(id: string, data: Prisma.WaitlistEntryUpdateManyMutationInput) {
  // updateMany: a customer redacted meanwhile (customers/redact) leaves nothing to update, which is fine.
  await prisma.waitlistEntry.updateMany({ where: { id }, data });
  if (data.postscriptSync === "SYNCED" || data.postscriptSync === "FAILED") await wakeHeldAlerts(id);
}

/**
 * Alerts held for this sync (see notWaitingForSync) may go now: wakes the shop's queue when there are any. Read
 * through the partial index `Delivery_open_by_waitlist_entry` (without it, each sync read every shop's open rows);
 * the statuses are written out, not parameters, so a prepared statement's generic plan can use it too.
 */
async function wakeHeldAlerts(waitlistEntryId: string): Promise<void> {
  const [held] = await prisma.$queryRaw<{ shopId: string }[]>`
    SELECT "shopId" FROM "Delivery"
     WHERE "waitlistEntryId" = ${waitlistEntryId} AND status IN ('PENDING', 'RETRYING') AND "waitlistEntryId" IS NOT NULL
     LIMIT 1`;
  if (!held) return;
  try {
    await sendJobEvent("deliveriesQueued", { shopId: held.shopId });
  } catch (error) {
    // The sync itself succeeded; the delivery sweep sends the alert if this wake-up was lost.
    console.error("[waitlist] could not wake the delivery queue:", error instanceof Error ? error.message : error);
  }
}

/**
 * Creates or updates the waitlist entry's customer as a Postscript subscriber with the shop's chosen keyword
 * (Postscript then runs its double opt-in: the customer replies Y), origin "website", tags
 * ["signalboard", "back-in-stock"] and what they are waiting for as properties. Records the outcome on the
 * entry: SYNCED with the subscriber id; for a passing failure (429, 5xx, timeout, network) attempts + 1, PENDING
 * with the reason, and the error is rethrown so Inngest retries with backoff (FAILED after
 * MAX_SUBSCRIBER_SYNC_ATTEMPTS); for anything a retry cannot fix (no keyword, no verified key, a 4xx) FAILED
 * with a reason the merchant can act on. Only PENDING and FAILED entries are synced; others are left alone.
 */
export async function syncSubscriber(waitlistEntryId: string): Promise<SyncSubscriberResult> {
  const entry = await prisma.waitlistEntry.findUnique({
    where: { id: waitlistEntryId },
    include: {
      variant: { include: { product: true } },
      shop: { include: { integrations: { where: { provider: "POSTSCRIPT" } } } },
    },
  });
  if (!entry) return { status: "NOT_NEEDED", reason: "The waitlist entry no longer exists." };
  if (entry.postscriptSync === "SYNCED") {
    return { status: "SYNCED", subscriberId: entry.postscriptSubscriberId ?? "", created: false };
  }
  if (entry.postscriptSync === "NOT_NEEDED") return { status: "NOT_NEEDED", reason: "No sync was requested." };

  const notNeeded = async (reason: string): Promise<SyncSubscriberResult> => {
    await recordOutcome(entry.id, { postscriptSync: "NOT_NEEDED", postscriptSyncError: null });
    return { status: "NOT_NEEDED", reason };
  };
  const attempts = entry.postscriptSyncAttempts + 1;
  const failed = async (error: string): Promise<SyncSubscriberResult> => {
    await recordOutcome(entry.id, {
      postscriptSync: "FAILED",
      postscriptSyncError: error,
      postscriptSyncAttempts: attempts,
    });
    return { status: "FAILED", error };
  };

  if (!entry.phone) return notNeeded("Postscript subscribers need a phone number.");
  if ((await getSmsSettings(entry.shopId)).provider !== "POSTSCRIPT") {
    return notNeeded("The shop no longer sends SMS through Postscript.");
  }
  if (entry.shop.uninstalledAt) return failed("The shop uninstalled Signalboard, so nothing is sent to Postscript.");

  const integration = entry.shop.integrations[0];
  if (!integration?.encryptedKey) {
    return failed("Connect your Postscript account first: paste your Private API Key in Postscript setup step 2.");
  }
  if (integration.verification !== "VERIFIED") {
    return failed(
      "Your Postscript key is not verified: use “Verify again” in Postscript setup step 2, or paste a new key.",
    );
  }
  if (!integration.enabled) {
    return failed(
      "The Postscript integration is disabled: enable it in Postscript setup to subscribe waitlist signups.",
    );
  }
  if (!integration.keywordId) return failed(NO_KEYWORD_MESSAGE);

  const { variant } = entry;
  try {
    // On the key's shared budget (the one restock deliveries use), at the integration's configured pace.
    const { client } = await clientForShop("POSTSCRIPT", entry.shopId, { integration });
    const subscriber = await client.upsertSubscriber({
      phoneNumber: entry.phone,
      email: entry.email ?? undefined,
      keywordId: integration.keywordId,
      origin: "website",
      tags: [...SUBSCRIBER_TAGS],
      properties: {
        back_in_stock_product: variant.product.title,
        back_in_stock_variant: variant.title,
        back_in_stock_variant_id: variant.shopifyVariantId,
        back_in_stock_signed_up_at: entry.createdAt.toISOString(),
        ...(entry.name ? { customer_name: entry.name } : {}),
      },
    });
    await recordOutcome(entry.id, {
      postscriptSync: "SYNCED",
      postscriptSubscriberId: subscriber.id,
      postscriptSyncError: null,
      postscriptSyncAttempts: attempts,
    });
    return { status: "SYNCED", subscriberId: subscriber.id, created: subscriber.created };
  } catch (error) {
    if (error instanceof PostscriptError && !error.retryable) return failed(error.message);
    const reason =
      error instanceof PostscriptError
        ? error.message
        : "Unexpected error while contacting Postscript; it will be retried.";
    if (attempts >= MAX_SUBSCRIBER_SYNC_ATTEMPTS) {
      return failed(`Postscript could not be reached after ${attempts} attempts. Last error: ${reason}`);
    }
    await recordOutcome(entry.id, {
      postscriptSync: "PENDING",
      postscriptSyncError: reason,
      postscriptSyncAttempts: attempts,
    });
    throw error;
  }
}
