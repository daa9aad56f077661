import { poolShare } from "@/lib/db/pool-share";
import { POOL_SIZE, prisma } from "@/lib/db/prisma";
import type { DeliveryProvider } from "@/lib/generated/prisma/client";
import { requestPendingSubscriberSyncs } from "@/lib/storefront/request-pending-subscriber-syncs";
import { claimNextDelivery, nextDueAt, notWaitingForSync, type ClaimedDelivery } from "./claim-next-delivery";
import { openDeliveryHooks, type OpenedDeliveryHooks } from "./delivery-hooks";
import type { ProviderSession, SendResult } from "./providers/delivery-provider";
import { providerFor } from "./providers/provider-for";
import { recordDeliveryOutcome, type RecordedAs } from "./record-delivery-outcome";
import { resolveStaleClaims } from "./resolve-stale-claims";
import {
  CIRCUIT_THRESHOLD,
  claimProbe,
  closeCircuit,
  noteAnswered,
  noteFailure,
  PROBE_BACKOFF,
  readCircuit,
  type CircuitView,
  type ProbeBackoff,
} from "./send-circuit";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
import {
  holdSendSlots,
  reserveSlot,
  sendSlotOf,
  settleAndReserveSql,
  settleSendSlot,
  settleSendSlotSql,
  sleep,
  slotClock,
  type ReservedRow,
  type SendSlot,
} from "./send-slot-limiter";
import { SKIP_REASONS, skipIneligibleDeliveries } from "./skip-ineligible-deliveries";

export type DeliverDueOptions = {
  /** Stop claiming new rows after this long (an Inngest step's budget); default 45 s. */
  maxDurationMs?: number;
  /** Concurrent senders in this call; they share the key's rate limiter with every other process. Default 4. */
  workers?: number;
  retry?: Partial<RetryPolicy>;
  /** Probe backoff while a key's circuit is open; default PROBE_BACKOFF (1 s doubling to 5 s). */
  probe?: ProbeBackoff;
  /** Age after which a SENDING claim is treated as abandoned; default the request timeout + 60 s. */
  staleAfterMs?: number;
};

export type DeliverDueResult = {
  sent: number;
  /** Sends that left without an answer (UNCONFIRMED): never resent on their own. */
  unconfirmed: number;
  retrying: number;
  failed: number;
  skipped: number;
  /** Rows still to send that are due now or within the next `maxDurationMs` (a further call sends them). */
  remaining: number;
  /** Why sending is paused for this shop (rows wait, nothing is lost), or null. */
  paused: string | null;
  /**
   * When the shop's next row becomes due (ISO; a reminder, a retry's backoff, a held text), or null when none
   * waits: the drainer has itself woken then (inngest/functions/deliver-shop-queue).
   */
  nextDueAt: string | null;
};

export const DEFAULT_MAX_DURATION_MS = 45_000;
// CIRCUIT_THRESHOLD: at most that many requests per key and process are in flight (see passCircuit). Recording an
// answer happens outside the gate, so a worker's database round trips overlap the others' requests; 8 workers
// measured no faster (bench/restock-delivery.ts) and hold twice the pool's connections.
export const DEFAULT_WORKERS = 4;
// The engine's per-send queries (claim, record, a sender's first reservation) in flight at once in this process, over
// every run: the rest of the pool stays free for other work. Without it, 20 shops' drainers (80 senders) kept the
// pool's queue full and every other query waited behind theirs: a restock's webhook took 16 s to its first alert.
// Each run is a lane of the share, so a small restock's run goes ahead of big ones' (see poolShare).
const engineQuery = poolShare(POOL_SIZE - 4);
// Polling bound while only not-yet-due rows (backoffs) are left.
const IDLE_POLL_MS = 1_000;
// A Retry-After holds every sender of the key back, up to this long (the row itself waits as long as it says).
const MAX_RETRY_AFTER_HOLD_MS = 60_000;
// A row is claimed this long before its slot, so that the claim's latency (a few ms, tens on a loaded database)
// does not make the request late: the slowest recent claim of the run, decaying, within these bounds.
const MIN_CLAIM_LEAD_MS = 10;
const MAX_CLAIM_LEAD_MS = 100;
// How often a worker re-reads its key's circuit (another process may have opened or closed it), and polls an open
// one for its probe time.
const CIRCUIT_RECHECK_MS = 1_000;
const CIRCUIT_POLL_MS = 250;
// While failures are counting up, a worker waits this long for answers in flight before asking again.
const GATE_POLL_MS = 20;

/** Why a claimed row must not be sent after all (no contact, or what its feature's hooks say), or null to send it. */
function skipReason(row: ClaimedDelivery, hooks: OpenedDeliveryHooks): string | null {
  if (!row.recipientPhone && !row.recipientEmail) return SKIP_REASONS.noContact;
  return hooks.skipReason(row);
}

/** Rows to send soon, leaving out those waiting for a subscriber sync (the sync wakes the queue when it ends). */
async function countRemaining(shopId: string, horizonMs: number): Promise<number> {
  const rows = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "Delivery" d
     WHERE d."shopId" = ${shopId} AND d.status IN ('PENDING', 'RETRYING')
       AND d."nextAttemptAt" <= (now() AT TIME ZONE 'UTC') + make_interval(secs => ${horizonMs}::float8 / 1000)
       AND ${notWaitingForSync}`;
  return Number(rows[0]?.n ?? 0);
}

async function providersWithWork(shopId: string, until: Date): Promise<DeliveryProvider[]> {
  const rows = await prisma.delivery.groupBy({
    by: ["provider"],
    where: { shopId, status: { in: ["PENDING", "RETRYING"] }, nextAttemptAt: { lte: until } },
  });
  return rows.map((row) => row.provider);
}

/** Whether rows of the shop and provider are due now but wait for their recipient's subscriber sync. */
async function waitingForSync(shopId: string, provider: DeliveryProvider): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ one: number }[]>`
    SELECT 1 AS one FROM "Delivery" d
     WHERE d."shopId" = ${shopId} AND d.provider = ${provider}::"DeliveryProvider" AND d.status IN ('PENDING', 'RETRYING')
       AND d."nextAttemptAt" <= (now() AT TIME ZONE 'UTC') AND NOT ${notWaitingForSync}
     LIMIT 1`;
  return rows.length > 0;
}

type Run = {
  shopId: string;
  provider: DeliveryProvider;
  session: ProviderSession;
  hooks: OpenedDeliveryHooks;
  policy: RetryPolicy;
  probe: ProbeBackoff;
  deadline: number;
  tally: Record<RecordedAs, number>;
  stop: string | null;
  /** The last claim found nothing due (see worker). */
  idle: boolean;
  /** How long before its slot a row is claimed (see MIN_CLAIM_LEAD_MS). */
  claimLeadMs: number;
  /** Workers of the run still looking for rows (not gone, not waiting for a sibling's next claim). */
  looking: number;
  /** Wake-ups of the workers waiting for a sibling's next claim (see waitForSibling). */
  waiting: Set<() => void>;
};

/** Wakes the run's workers waiting for work: a sibling claimed a row (more may be due) or left. */
function wakeWaiting(run: Run): void {
  for (const wake of [...run.waiting]) wake();
}

/** Resolves when a sibling claims a row or leaves (wakeWaiting), or at the run's deadline. */
function waitForSibling(run: Run): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, run.deadline - Date.now()));
    function done() {
      clearTimeout(timer);
      run.waiting.delete(done);
      resolve();
    }
    run.waiting.add(done);
  });
}

/**
 * Sends past the circuit gate and not yet answered (or failed and not yet counted on the circuit), per key, over
 * every run in this process (two restocks of one shop drain side by side): the gate counts them all.
 */
const inFlightByKey = new Map<string, number>();
const inFlight = (key: string) => inFlightByKey.get(key) ?? 0;
const addInFlight = (key: string, delta: number) => {
  const next = inFlight(key) + delta;
  if (next > 0) inFlightByKey.set(key, next);
  else inFlightByKey.delete(key);
};

/**
 * Each key's circuit as this process last read or wrote it, shared by every run here so one run's failures stop
 * the others at once; re-read from the database every CIRCUIT_RECHECK_MS (other processes).
 */
const circuitByKey = new Map<string, { view: CircuitView; readAt: number }>();

async function circuitOf(key: string): Promise<CircuitView> {
  const known = circuitByKey.get(key);
  if (known && Date.now() - known.readAt < CIRCUIT_RECHECK_MS) return known.view;
  return rememberCircuit(key, await readCircuit(key));
}

function rememberCircuit(key: string, view: CircuitView): CircuitView {
  circuitByKey.set(key, { view, readAt: Date.now() });
  return view;
}

/**
 * The circuit breaker's side of a worker's loop; true when the worker may go on to send (it then counts as in
 * flight on the key until its attempt is recorded). While the key's circuit
 * is open nothing is sent (rows stay PENDING): one worker of one process at a time probes the provider with
 * backoff, and its answer closes the circuit. A worker sends only while the failures so far plus the requests in
 * flight on the key in this process stay under the threshold, so an endpoint that starts swallowing requests
 * costs at most CIRCUIT_THRESHOLD unconfirmed sends (per sending process) before the circuit opens.
 */
async function passCircuit(run: Run, key: string): Promise<boolean> {
  const circuit = await circuitOf(key);
  if (circuit.openedAt) {
    if (await claimProbe(key, run.probe)) {
      if (await run.session.probe()) {
        await closeCircuit(key, run.shopId, run.provider);
        // Alerts wait for their recipients' subscriber syncs, which failed during the outage too: resume them now.
        if (run.provider === "POSTSCRIPT") await requestPendingSubscriberSyncs(run.shopId).catch(() => 0);
      }
      rememberCircuit(key, await readCircuit(key));
    } else {
      await sleep(Math.min(CIRCUIT_POLL_MS, run.deadline - Date.now()));
      circuitByKey.delete(key);
    }
    return false;
  }
  if (circuit.consecutiveFailures + inFlight(key) >= CIRCUIT_THRESHOLD) {
    await sleep(GATE_POLL_MS);
    return false;
  }
  // Counted in the same turn as the check, so two workers never both pass on the last place.
  addInFlight(key, 1);
  return true;
}

/**
 * Counts the result of an attempt that left at `sentAt` towards the key's circuit: an answer resets it (unless a
 * failure was counted since it left), a failure without one counts.
 */
async function noteForCircuit(run: Run, key: string, result: SendResult, sentAt: Date): Promise<void> {
  const failedUnanswered = result.outcome === "unconfirmed" || (result.outcome === "retry" && !result.rateLimited);
  if (failedUnanswered) {
    rememberCircuit(key, await noteFailure(key, run.shopId, run.provider, result.error, run.probe));
  } else if ((await circuitOf(key)).consecutiveFailures > 0) {
    const reset = await noteAnswered(key, sentAt);
    if (reset) rememberCircuit(key, reset);
  }
}

/**
 * Pacing adjustments are advice: one that fails (the database connection dropped) must neither go unhandled while
 * the request is out nor keep the answer from being recorded; if the database is really gone, recording fails.
 */
function adjustPace(work: Promise<void>): Promise<void> {
  return work.catch(() => undefined);
}

/** Unused, a slot stops counting as a request that may arrive (advice: the pending bound is safe, only slower). */
function releaseSlot(slot: SendSlot): Promise<void> {
  return adjustPace(settleSendSlot(slot, null));
}

/**
 * One sender: slot → claim → check → send → record, until the deadline, a pause, or nothing is left for the run.
 * A worker that finds nothing due while a sibling still sends waits for the sibling's next claim instead of
 * leaving: a restock of a few customers a second (rows coming while earlier ones go) otherwise lost three of its
 * four senders at the first gap, and the one left fell behind by half a second per restock (bench/many-shops.ts).
 */
async function worker(run: Run): Promise<void> {
  run.looking++;
  try {
    await findAndSend(run);
  } finally {
    run.looking--;
    wakeWaiting(run);
  }
}

/**
 * A slot reserved with the worker's last record (see sendNext), and when that reservation was asked for and
 * answered (performance.now()): the worker's next send uses it.
 */
type HeldSlot = { slot: SendSlot; askedAt: number; answeredAt: number };

async function findAndSend(run: Run): Promise<void> {
  // After waiting for a sibling, look before reserving a slot: a slot reserved and not used is pace lost.
  let look = false;
  let held: HeldSlot | null = null;
  const release = async () => {
    if (held) await releaseSlot(held.slot);
    held = null;
  };
  try {
    while (!run.stop && Date.now() < run.deadline) {
      const reason = await run.session.pauseReason();
      if (reason) {
        run.stop = reason;
        return;
      }
      if (run.idle || look) {
        look = false;
        // Nothing was due (a sibling found nothing): wait for the next due row (a retry's backoff) without
        // spending rate-limit slots, nor holding one.
        await release();
        const next = await nextDueAt(run.shopId, run.provider);
        if (!next && (await waitingForSync(run.shopId, run.provider))) {
          // Rows due now wait for their subscriber sync (another process runs it): poll for it until the deadline.
          await sleep(IDLE_POLL_MS);
          continue;
        }
        if (!next || next.getTime() > run.deadline) {
          if (run.looking <= 1) return;
          run.looking--;
          await waitForSibling(run);
          run.looking++;
          look = true;
          continue;
        }
        const wait = next.getTime() - Date.now();
        if (wait > 0) {
          await sleep(Math.min(wait, IDLE_POLL_MS));
          continue;
        }
        run.idle = false;
      }
      const limit = run.session.limit;
      if (limit && !(await passCircuit(run, limit.key))) {
        await release();
        continue;
      }
      let gated = Boolean(limit);
      const leaveGate = () => {
        if (gated && limit) addInFlight(limit.key, -1);
        gated = false;
      };
      const slot = held;
      held = null;
      try {
        held = await sendNext(run, leaveGate, slot);
      } finally {
        leaveGate();
      }
      if (run.stop) return;
    }
  } finally {
    await release();
  }
}

/**
 * One send: slot → claim → check → send → record, on `held` if given (a slot reserved with the last record), else
 * on a slot reserved now. Sets run.idle when nothing was due, run.stop on a pause. Calls `leaveGate` once the
 * request is answered (a failure only once it counts on the key's circuit), so recording the answer does not hold a
 * place at the circuit gate. Returns the slot for the next send when the record reserved one (see below).
 */
async function sendNext(run: Run, leaveGate: () => void, held: HeldSlot | null): Promise<HeldSlot | null> {
  const limit = run.session.limit;
  let reserved = held;
  if (limit && !reserved) {
    const askedAt = performance.now();
    const slot = await engineQuery(run, () => reserveSlot(limit.key, limit.perSecond, run.deadline - Date.now()));
    reserved = slot && { slot, askedAt, answeredAt: performance.now() };
  }
  if (limit && !reserved) {
    // Other senders of this key hold the slots up to our deadline (or a Retry-After holds them all): wait it
    // out instead of returning at once, so a caller looping over steps does not spin.
    await sleep(run.deadline - Date.now());
    run.stop ??= "deadline";
    return null;
  }
  const slot = reserved?.slot ?? null;
  const clock = reserved && slotClock(reserved.slot, reserved.askedAt, reserved.answeredAt);
  const leaveAt = clock?.leaveAt ?? performance.now();
  const release = () => (slot ? releaseSlot(slot) : undefined);
  // The row is claimed right before its slot rather than when the slot is reserved: a process that dies then
  // leaves a claim (of unknown outcome, never resent: see resolveStaleClaims) only if it died during a request
  // or the few milliseconds before one, not for most of every wait. Starting the claim claimLeadMs early keeps
  // its latency from making the request late.
  await sleep(leaveAt - performance.now() - run.claimLeadMs);
  const claimFrom = performance.now();
  const row = await engineQuery(run, () => claimNextDelivery(run.shopId, run.provider));
  run.claimLeadMs = Math.min(
    MAX_CLAIM_LEAD_MS,
    Math.max(MIN_CLAIM_LEAD_MS, performance.now() - claimFrom, run.claimLeadMs * 0.95),
  );
  if (!row) {
    await release();
    run.idle = true;
    return null;
  }
  wakeWaiting(run);
  const skip = skipReason(row, run.hooks);
  let result: SendResult | { outcome: "skipped"; reason: string };
  let arrivedByMs: number | null = null;
  let sentAt = new Date();
  if (skip) {
    await release();
    result = { outcome: "skipped", reason: skip };
  } else if (clock?.passed(performance.now())) {
    // The slot passed while this process was busy (the claim waited for a connection): sent now, the request could
    // arrive after the bound the limiter counted for it. Nothing leaves; the row goes back, due now, for a new slot.
    await release();
    result = { outcome: "defer", reason: "its send slot passed while Signalboard was busy", until: new Date() };
  } else {
    await sleep(leaveAt - performance.now());
    sentAt = new Date();
    result = await run.session.send(row);
    // Postscript counts arrivals, which we cannot see; the answer bounds them. Only the request a window's worth
    // of places later waits for this bound (see reserveSlot), so a slow answer costs no pace; it is written with
    // the row's record (one round trip), and until then the pending bound, later than it, stands.
    if (clock) arrivedByMs = clock.arrivedBy(performance.now());
    if (limit && result.outcome === "retry" && result.rateLimited && result.retryAfterMs) {
      await adjustPace(holdSendSlots(limit.key, Math.min(result.retryAfterMs, MAX_RETRY_AFTER_HOLD_MS)));
    }
  }
  // Skipped and deferred rows never reached the provider: they say nothing about its health.
  if (limit && result.outcome !== "skipped" && result.outcome !== "defer")
    await noteForCircuit(run, limit.key, result, sentAt);
  leaveGate();
  // A delivered record also settles the slot and reserves this worker's next one, in the same statement: one round
  // trip fewer per alert, a third of the engine's. Reserved a little earlier than a separate reservation would be,
  // the slot is no sooner (the settled bound counts) and the wait before it absorbs the loop's checks. If the worker
  // does not send again (nothing due, the circuit or a pause stops it), findAndSend releases the slot.
  const reserveNext =
    limit && slot && arrivedByMs !== null && result.outcome === "delivered"
      ? settleAndReserveSql({ slot, arrivedByMs }, limit.perSecond, run.deadline - Date.now())
      : undefined;
  const settle = slot && arrivedByMs !== null && !reserveNext ? [settleSendSlotSql(slot, arrivedByMs)] : [];
  const askedAt = performance.now();
  const { recorded, returned } = await engineQuery(run, () =>
    recordDeliveryOutcome<ReservedRow>(row, result, run.hooks, run.policy, settle, reserveNext),
  );
  const next = reserveNext && limit ? sendSlotOf(limit.key, returned) : null;
  // Nothing reserved (the next slot is beyond the run's deadline): that statement's settle did not run either.
  if (reserveNext && slot && !next) await adjustPace(settleSendSlot(slot, arrivedByMs));
  const nextHeld = next ? { slot: next, askedAt, answeredAt: performance.now() } : null;
  if (recorded === "paused") {
    run.stop = result.outcome === "pause" ? result.error : "paused";
    return null;
  }
  run.tally[recorded]++;
  return nextHeld;
}

/**
 * Sends a shop's due deliveries (PENDING, or RETRYING whose backoff is over) through each row's provider, at
 * the provider's pace, for at most `maxDurationMs`:
 * - several workers claim rows one at a time right before sending (FOR UPDATE SKIP LOCKED), so any number of
 *   concurrent calls and processes share the work without sending a row twice;
 * - every request first takes a slot from the key's cross-process limiter (never more than the limit in any
 *   sliding second);
 * - 429 / 5xx / a request that never left (refused, DNS, TLS) → RETRYING with exponential backoff and jitter,
 *   FAILED after the policy's attempts; other 4xx → FAILED with Postscript's message; a request that left and got
 *   no answer (timeout, connection lost) → UNCONFIRMED (never resent on its own: Postscript does not de-duplicate);
 * - a few failed or unanswered sends in a row open the key's circuit: sending pauses, rows stay PENDING, the
 *   provider is probed with backoff and sending resumes when it answers (see passCircuit);
 * - integration disabled, key unverified or revoked, shop uninstalled → paused: rows stay PENDING;
 * - no phone and no email, a purchase, a left waitlist, a sold-out variant (reminders) → SKIPPED with the reason;
 * - rows left SENDING by a dead process are resolved first (see resolveStaleClaims).
 */
export async function deliverDue(shopId: string, options: DeliverDueOptions = {}): Promise<DeliverDueResult> {
  const maxDurationMs = options.maxDurationMs ?? DEFAULT_MAX_DURATION_MS;
  const deadline = Date.now() + maxDurationMs;
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const hooks = await openDeliveryHooks(shopId);
  const tally: Record<RecordedAs, number> = {
    sent: 0,
    unconfirmed: 0,
    retrying: 0,
    failed: 0,
    skipped: 0,
    paused: 0,
    deferred: 0,
  };

  // Side by side (they touch different rows), so a drainer's first send is not held up by a chain of round trips:
  // the first alert's latency is mostly such chains while the database is busy.
  const [stale, ineligible, providers] = await Promise.all([
    resolveStaleClaims(shopId, hooks, options.staleAfterMs),
    skipIneligibleDeliveries(shopId, hooks),
    providersWithWork(shopId, new Date(deadline)),
  ]);
  tally.unconfirmed += stale;
  tally.skipped += ineligible;

  let paused: string | null = null;
  for (const provider of providers) {
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
    const run: Run = {
      shopId,
      provider,
      session: opened.session,
      hooks,
      policy,
      probe: options.probe ?? PROBE_BACKOFF,
      deadline,
      tally,
      stop: null,
      idle: false,
      claimLeadMs: MIN_CLAIM_LEAD_MS,
      looking: 0,
      waiting: new Set(),
    };
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
    if (run.stop && run.stop !== "deadline") paused = run.stop;
  }

  return {
    sent: tally.sent,
    unconfirmed: tally.unconfirmed,
    retrying: tally.retrying,
    failed: tally.failed,
    skipped: tally.skipped,
    remaining: await countRemaining(shopId, maxDurationMs),
    paused,
    nextDueAt: (await nextDueAt(shopId))?.toISOString() ?? null,
  };
}
