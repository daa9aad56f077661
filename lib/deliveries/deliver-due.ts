import { prisma } from "@/lib/db/prisma";
import type { DeliveryProvider } from "@/lib/generated/prisma/client";
import { getBackInStockSettings, type BackInStockRules } from "@/lib/restock/get-back-in-stock-settings";
import { claimNextDelivery, nextDueAt, type ClaimedDelivery } from "./claim-next-delivery";
import { BACK_IN_STOCK_ALERT, BACK_IN_STOCK_REMINDER } from "./event-types";
import type { ProviderSession, SendResult } from "./providers/delivery-provider";
import { providerFor } from "./providers/provider-for";
import { recordDeliveryOutcome, type RecordedAs } from "./record-delivery-outcome";
import { resolveStaleClaims } from "./resolve-stale-claims";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
import { delaySendSlots, holdSendSlots, reserveSendSlot, sleep } from "./send-slot-limiter";
import { SKIP_REASONS, skipIneligibleDeliveries } from "./skip-ineligible-deliveries";

export type DeliverDueOptions = {
  /** Stop claiming new rows after this long (an Inngest step's budget); default 45 s. */
  maxDurationMs?: number;
  /** Concurrent senders in this call; they share the key's rate limiter with every other process. Default 4. */
  workers?: number;
  retry?: Partial<RetryPolicy>;
  /** Age after which a SENDING claim is treated as abandoned; default the request timeout + 60 s. */
  staleAfterMs?: number;
};

export type DeliverDueResult = {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
  /** Rows still to send that are due now or within the next `maxDurationMs` (a further call sends them). */
  remaining: number;
  /** Why sending is paused for this shop (rows wait, nothing is lost), or null. */
  paused: string | null;
};

export const DEFAULT_MAX_DURATION_MS = 45_000;
export const DEFAULT_WORKERS = 4;
// Polling bound while only not-yet-due rows (backoffs) are left.
const IDLE_POLL_MS = 1_000;
// A request leaving (or answered) later than this pushes the following slots back by as much (see worker).
const LATE_TOLERANCE_MS = 8;
// A slow answer is mostly the server thinking after it counted the request; past this it says nothing more.
const MAX_ARRIVAL_SHIFT_MS = 500;
// A Retry-After holds every sender of the key back, up to this long (the row itself waits as long as it says).
const MAX_RETRY_AFTER_HOLD_MS = 60_000;
// A row is claimed this long before its slot, so that the claim's latency (a few ms, tens on a loaded database)
// does not make the request late: the slowest recent claim of the run, decaying, within these bounds.
const MIN_CLAIM_LEAD_MS = 10;
const MAX_CLAIM_LEAD_MS = 100;

/** Why a claimed row must not be sent after all, or null to send it. */
function skipReason(row: ClaimedDelivery, rules: BackInStockRules): string | null {
  if (!row.recipientPhone && !row.recipientEmail) return SKIP_REASONS.noContact;
  const forEntry = row.eventType === BACK_IN_STOCK_ALERT || row.eventType === BACK_IN_STOCK_REMINDER;
  if (!forEntry || !row.waitlistEntryId) return null;
  if (!row.entryExists) return SKIP_REASONS.entryGone;
  if (row.entryStatus === "PURCHASED") return SKIP_REASONS.purchased;
  if (row.entryStatus === "REMOVED") return SKIP_REASONS.removed;
  if (row.eventType === BACK_IN_STOCK_ALERT && row.entryStatus === "NOTIFIED") return SKIP_REASONS.alreadyNotified;
  if (row.eventType === BACK_IN_STOCK_REMINDER && (row.variantAvailable ?? 0) <= rules.threshold) {
    return SKIP_REASONS.soldOut(row.variantAvailable ?? 0);
  }
  return null;
}

async function countRemaining(shopId: string, horizonMs: number): Promise<number> {
  return prisma.delivery.count({
    where: {
      shopId,
      status: { in: ["PENDING", "RETRYING"] },
      nextAttemptAt: { lte: new Date(Date.now() + horizonMs) },
    },
  });
}

async function providersWithWork(shopId: string, until: Date): Promise<DeliveryProvider[]> {
  const rows = await prisma.delivery.groupBy({
    by: ["provider"],
    where: { shopId, status: { in: ["PENDING", "RETRYING"] }, nextAttemptAt: { lte: until } },
  });
  return rows.map((row) => row.provider);
}

type Run = {
  shopId: string;
  provider: DeliveryProvider;
  session: ProviderSession;
  rules: BackInStockRules;
  policy: RetryPolicy;
  deadline: number;
  tally: Record<RecordedAs, number>;
  stop: string | null;
  /** Fastest answer seen in this run: the baseline for "this one took long". */
  fastestMs: number;
  /** How long before its slot a row is claimed (see MIN_CLAIM_LEAD_MS). */
  claimLeadMs: number;
};

/**
 * Pacing adjustments are advice: one that fails (the database connection dropped) must neither go unhandled while
 * the request is out nor keep the answer from being recorded; if the database is really gone, recording fails.
 */
function adjustPace(work: Promise<void>): Promise<void> {
  return work.catch(() => undefined);
}

/** One sender: slot → claim → check → send → record, until the deadline, a pause, or nothing is left. */
async function worker(run: Run): Promise<void> {
  let idle = false;
  while (!run.stop && Date.now() < run.deadline) {
    const reason = await run.session.pauseReason();
    if (reason) {
      run.stop = reason;
      return;
    }
    if (idle) {
      // Nothing was due: wait for the next due row (a retry's backoff) without spending rate-limit slots.
      const next = await nextDueAt(run.shopId, run.provider);
      if (!next || next.getTime() > run.deadline) return;
      const wait = next.getTime() - Date.now();
      if (wait > 0) {
        await sleep(Math.min(wait, IDLE_POLL_MS));
        continue;
      }
      idle = false;
    }
    const limit = run.session.limit;
    // The slot is at least reservedAt + wait on our clock (the database read its clock after we asked); the
    // request leaves no sooner than wait after the answer, so a slow answer shows up as lateness below.
    const reservedAt = performance.now();
    const wait = limit ? await reserveSendSlot(limit.key, limit.perSecond, run.deadline - Date.now()) : 0;
    if (wait === null) {
      // Other senders of this key hold the slots up to our deadline (or a Retry-After holds them all): wait it
      // out instead of returning at once, so a caller looping over steps does not spin.
      await sleep(run.deadline - Date.now());
      return;
    }
    const slotAt = reservedAt + wait;
    // The row is claimed right before its slot rather than when the slot is reserved: a process that dies then
    // leaves a claim (of unknown outcome, never resent: see resolveStaleClaims) only if it died during a request
    // or the few milliseconds before one, not for most of every wait. Starting the claim claimLeadMs early keeps
    // its latency from making the request late.
    await sleep(wait - run.claimLeadMs);
    const claimFrom = performance.now();
    const row = await claimNextDelivery(run.shopId, run.provider);
    run.claimLeadMs = Math.min(MAX_CLAIM_LEAD_MS, Math.max(MIN_CLAIM_LEAD_MS, performance.now() - claimFrom, run.claimLeadMs * 0.95));
    if (!row) {
      idle = true;
      continue;
    }
    const skip = skipReason(row, run.rules);
    let result: SendResult | { outcome: "skipped"; reason: string };
    if (skip) {
      result = { outcome: "skipped", reason: skip };
    } else {
      await sleep(slotAt - performance.now());
      // Postscript counts arrivals, which we cannot see; the answer bounds them. A request that left late, or
      // took much longer than the fastest seen, may have arrived late: the slots after it move back as much.
      const sentAt = performance.now();
      const late = sentAt - slotAt;
      const shifted = limit && late > LATE_TOLERANCE_MS ? adjustPace(delaySendSlots(limit.key, late)) : undefined;
      result = await run.session.send(row);
      const took = performance.now() - sentAt;
      const excess = took - (Number.isFinite(run.fastestMs) ? run.fastestMs : 0);
      run.fastestMs = Math.min(run.fastestMs, took);
      await shifted;
      if (limit && excess > LATE_TOLERANCE_MS) await adjustPace(delaySendSlots(limit.key, Math.min(excess, MAX_ARRIVAL_SHIFT_MS)));
      if (limit && result.outcome === "retry" && result.rateLimited && result.retryAfterMs) {
        await adjustPace(holdSendSlots(limit.key, Math.min(result.retryAfterMs, MAX_RETRY_AFTER_HOLD_MS)));
      }
    }
    const recorded = await recordDeliveryOutcome(row, result, run.rules, run.policy);
    if (recorded === "paused") {
      run.stop = result.outcome === "pause" ? result.error : "paused";
      return;
    }
    run.tally[recorded]++;
  }
}

/**
 * Sends a shop's due deliveries (PENDING, or RETRYING whose backoff is over) through each row's provider, at
 * the provider's pace, for at most `maxDurationMs`:
 * - several workers claim rows one at a time right before sending (FOR UPDATE SKIP LOCKED), so any number of
 *   concurrent calls and processes share the work without sending a row twice;
 * - every request first takes a slot from the key's cross-process limiter (never more than the limit in any
 *   sliding second);
 * - 429 / 5xx / unreachable → RETRYING with exponential backoff and jitter, FAILED after the policy's attempts;
 *   other 4xx → FAILED with Postscript's message; a timeout or a connection lost mid-request → delivered but
 *   unconfirmed (never resent: Postscript does not de-duplicate);
 * - integration disabled, key unverified or revoked, shop uninstalled → paused: rows stay PENDING;
 * - no phone and no email, a purchase, a left waitlist, a sold-out variant (reminders) → SKIPPED with the reason;
 * - rows left SENDING by a dead process are resolved first (see resolveStaleClaims).
 */
export async function deliverDue(shopId: string, options: DeliverDueOptions = {}): Promise<DeliverDueResult> {
  const maxDurationMs = options.maxDurationMs ?? DEFAULT_MAX_DURATION_MS;
  const deadline = Date.now() + maxDurationMs;
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const rules = await getBackInStockSettings(shopId);
  const tally: Record<RecordedAs, number> = { sent: 0, retrying: 0, failed: 0, skipped: 0, paused: 0 };

  tally.sent += await resolveStaleClaims(shopId, rules, options.staleAfterMs);
  tally.skipped += await skipIneligibleDeliveries(shopId, rules.threshold);

  let paused: string | null = null;
  for (const provider of await providersWithWork(shopId, new Date(deadline))) {
    const opened = await providerFor(provider).open(shopId);
    if (opened.status === "paused") {
      paused = opened.reason;
      continue;
    }
    if (opened.status === "unavailable") {
      const { count } = await prisma.delivery.updateMany({
        where: { shopId, provider, status: { in: ["PENDING", "RETRYING"] }, nextAttemptAt: { lte: new Date() } },
        data: { status: "SKIPPED", skipReason: opened.reason, nextAttemptAt: null },
      });
      tally.skipped += count;
      continue;
    }
    const run: Run = { shopId, provider, session: opened.session, rules, policy, deadline, tally, stop: null, fastestMs: Infinity, claimLeadMs: MIN_CLAIM_LEAD_MS };
    const workers = Math.max(1, options.workers ?? DEFAULT_WORKERS);
    const settled = await Promise.allSettled(
      Array.from({ length: workers }, () =>
        worker(run).catch((error: unknown) => {
          // One failing worker (database gone) stops the others; the rows they hold resolve as stale claims.
          run.stop ??= "error";
          throw error;
        }),
      ),
    );
    const failure = settled.find((outcome) => outcome.status === "rejected");
    if (failure) throw failure.reason;
    if (run.stop) paused = run.stop;
  }

  return {
    sent: tally.sent,
    retrying: tally.retrying,
    failed: tally.failed,
    skipped: tally.skipped,
    remaining: await countRemaining(shopId, maxDurationMs),
    paused,
  };
}
