import { createHash } from "node:crypto";
import { driverQuery } from "@/lib/db/driver-query";
import { prisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { sqlUtcTimestamp } from "@/lib/db/sql-utc-timestamp";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Postscript's limit is a sliding one-second window over the requests it receives. A request may arrive any time
 * between leaving and being answered, so the limiter keeps, per key, the latest time each recent request may have
 * arrived (its arrival bound: the answer's time once known) and gives a new request a slot no sooner than this
 * much after the `perSecond`-th latest bound: then at most `perSecond - 1` earlier requests can share any second
 * with it, whatever the network did. The few milliseconds beyond the second cover the bounds' whole-millisecond
 * rounding.
 */
export const WINDOW_MS = 1_005;

/**
 * How long after its slot a request not answered yet may still arrive: every outside API call the app makes gives
 * up after POSTSCRIPT_TIMEOUT_MS, and the margin covers a late start (a busy event loop) and the network. Until then
 * a request in flight, or one whose process died before recording its answer, counts as possibly arriving. Only
 * the `perSecond`-th latest bound delays anyone, so a few such requests cost nothing; but each one left by a
 * process killed mid-send takes a place in every window until its bound passes, so the bound is no longer than
 * it must be (it was a fixed minute: after a `kill -9` the key then ran at a third of its pace for that minute).
 */
export function inFlightBoundMs(): number {
  return env().POSTSCRIPT_TIMEOUT_MS + IN_FLIGHT_MARGIN_MS;
}

const IN_FLIGHT_MARGIN_MS = 5_000;

/**
 * How long after its slot a request may still leave. Until it is settled, the limiter counts a request as arriving
 * any time up to its slot plus inFlightBoundMs(); one that leaves more than IN_FLIGHT_MARGIN_MS after its slot (its
 * process was starved between the reservation and the request) could arrive after that bound, and the slots given
 * out meanwhile would no longer keep the window. Half the margin leaves the other half for the moments between the
 * check and the request leaving.
 */
export const LATEST_LEAVE_AFTER_SLOT_MS = IN_FLIGHT_MARGIN_MS / 2;

/** Least milliseconds between two slots of a key: spreads the window's requests out instead of sending them at once. */
export function slotSpacingMs(perSecond: number): number {
  if (!Number.isFinite(perSecond) || perSecond <= 0) throw new Error("perSecond must be a positive number");
  return Math.max(1, Math.floor(1_000 / perSecond));
}

/** The limiter's row name for a provider key; only a hash, so the table never holds a secret. */
export function limiterKey(provider: string, secret: string): string {
  return `send-slot:${provider}:${createHash("sha256").update(secret).digest("hex").slice(0, 32)}`;
}

/** A reserved slot: when to send (on the database clock, and as a wait from the reservation's answer). */
export type SendSlot = {
  key: string;
  waitMs: number;
  slotAt: Date;
  /** The request's arrival bound as stored until settleSendSlot replaces it (ms since the epoch, database clock). */
  pendingBoundMs: number;
};

const nowUtc = Prisma.sql`(clock_timestamp() AT TIME ZONE 'UTC')`;
const ms = (value: number) => Prisma.sql`${value}::float8 * INTERVAL '1 millisecond'`;

/**
 * Reserves the next send slot for `key`, or returns null when it is more than `withinMs` away (nothing is
 * reserved then, so a caller about to stop never pushes the others back). The caller sends no sooner than
 * `waitMs` after this resolves, then calls settleSendSlot with the answer's time (or without, if nothing left).
 *
 * One INSERT … ON CONFLICT DO UPDATE … RETURNING, so every process sharing the key gets distinct slots: the slot
 * is the latest of the next evenly spaced slot, now, and WINDOW_MS after the `perSecond`-th latest arrival bound
 * of the requests before it (bounds older than a window can no longer matter and are dropped). A request that
 * leaves late, or is answered slowly, thus delays only the request `perSecond` places after it, by as much as it
 * needs, instead of every request after it. The database clock is the one all processes share. One of the engine's
 * statements per alert, so it goes through the driver alone (driverQuery).
 */
export async function reserveSlot(key: string, perSecond: number, withinMs = Infinity): Promise<SendSlot | null> {
  const rows = await driverQuery<ReservedRow>(reserveSlotSql(key, perSecond, withinMs, null));
  return sendSlotOf(key, rows[0]);
}

/**
 * settleSendSlot of `settled` and the key's next reservation (reserveSlot) in one statement, for a caller that
 * settles one request and goes on to the next: the reservation counts the settled bound, as if the settle had run
 * first. Returns wait_ms and slot_ms (sendSlotOf makes the slot), or no row when the next slot is more than
 * `withinMs` away: then nothing changed, the settle included, and the caller settles on its own.
 */
export function settleAndReserveSql(
  settled: { slot: SendSlot; arrivedByMs: number },
  perSecond: number,
  withinMs: number,
): Prisma.Sql {
  return reserveSlotSql(settled.slot.key, perSecond, withinMs, settled);
}

/** What reserveSlotSql returns when it reserved. */
export type ReservedRow = { wait_ms: number; slot_ms: number };

/** The slot a reservation's row stands for, or null when nothing was reserved (no row). */
export function sendSlotOf(key: string, row: ReservedRow | undefined): SendSlot | null {
  if (!row) return null;
  // The stored bound is the slot (rounded to the column's milliseconds) plus the in-flight bound.
  const slotMs = Math.round(Number(row.slot_ms));
  return {
    key,
    waitMs: Math.max(0, Math.round(Number(row.wait_ms))),
    slotAt: new Date(slotMs),
    pendingBoundMs: slotMs + inFlightBoundMs(),
  };
}

function reserveSlotSql(
  key: string,
  perSecond: number,
  withinMs: number,
  settled: { slot: SendSlot; arrivedByMs: number } | null,
): Prisma.Sql {
  const spacing = slotSpacingMs(perSecond);
  const places = Math.max(1, Math.floor(perSecond));
  // Beyond a day, "within" means "whenever" (and keeps the interval arithmetic finite).
  const inFlightMs = inFlightBoundMs();
  const within = Number.isFinite(withinMs) ? Math.max(0, Math.min(withinMs, 86_400_000)) : 86_400_000;
  const stored = Prisma.sql`COALESCE(l."arrivalBounds", ARRAY[]::timestamp(3)[])`;
  const bounds = settled ? settledBoundsSql(stored, settled.slot, settled.arrivedByMs) : stored;
  const slot = Prisma.sql`GREATEST(l."nextSlotAt", ${nowUtc},
    (SELECT b FROM unnest(${bounds}) b ORDER BY b DESC OFFSET ${places - 1}::int LIMIT 1) + ${ms(WINDOW_MS)})`;
  return Prisma.sql`
    INSERT INTO "SendBudget" AS l ("key", "nextSlotAt", "arrivalBounds")
    VALUES (${key}, ${nowUtc} + ${ms(spacing)}, ARRAY[${nowUtc} + ${ms(inFlightMs)}]::timestamp(3)[])
    ON CONFLICT ("key") DO UPDATE
      SET "nextSlotAt" = ${slot} + ${ms(spacing)},
          "arrivalBounds" = ARRAY(SELECT b FROM unnest(${bounds}) b WHERE b > ${nowUtc} - ${ms(WINDOW_MS)})
                            || (${slot} + ${ms(inFlightMs)})::timestamp(3)
      WHERE ${slot} <= ${nowUtc} + ${ms(within)}
    RETURNING (EXTRACT(EPOCH FROM (l."nextSlotAt" - ${ms(spacing)} - ${nowUtc})) * 1000)::float8 AS wait_ms,
              (EXTRACT(EPOCH FROM (l."nextSlotAt" - ${ms(spacing)})) * 1000)::float8 AS slot_ms`;
}

/** reserveSlot's wait in milliseconds (0 = now), or null when the slot is more than `withinMs` away. */
export async function reserveSendSlot(key: string, perSecond: number, withinMs = Infinity): Promise<number | null> {
  return (await reserveSlot(key, perSecond, withinMs))?.waitMs ?? null;
}

/**
 * Replaces a reserved slot's pending arrival bound with the real one: `arrivedByMs` (database clock) when the
 * request left and was answered or given up on by then, or none when no request left on the slot (it then no
 * longer counts). A settle that fails or never comes only leaves the pending bound, which is safe.
 */
export async function settleSendSlot(slot: SendSlot, arrivedByMs: number | null): Promise<void> {
  await driverQuery(settleSendSlotSql(slot, arrivedByMs));
}

/** settleSendSlot's statement, for a caller that runs it beside its own writes in one round trip. */
export function settleSendSlotSql(slot: SendSlot, arrivedByMs: number | null): Prisma.Sql {
  const stored = Prisma.sql`COALESCE("arrivalBounds", ARRAY[]::timestamp(3)[])`;
  const next =
    arrivedByMs === null
      ? Prisma.sql`array_remove(${stored}, ${sqlUtcTimestamp(new Date(slot.pendingBoundMs))})`
      : settledBoundsSql(stored, slot, arrivedByMs);
  return Prisma.sql`UPDATE "SendBudget" SET "arrivalBounds" = ${next} WHERE "key" = ${slot.key}`;
}

/** The bounds `stored` with the slot's pending bound replaced by the real one. */
function settledBoundsSql(stored: Prisma.Sql, slot: SendSlot, arrivedByMs: number): Prisma.Sql {
  // Timestamps travel as whole milliseconds since the epoch (the column keeps milliseconds): exact both ways.
  const pending = sqlUtcTimestamp(new Date(slot.pendingBoundMs));
  return Prisma.sql`array_replace(${stored}, ${pending}, ${sqlUtcTimestamp(new Date(Math.ceil(arrivedByMs)))})`;
}

/**
 * Times one request on a reserved slot with this process's clock: `leaveAt` is when it may leave (no sooner than
 * the slot: the wait is counted from the reservation's answer), `arrivedBy(answeredAt)` the arrival bound on the
 * database clock for an answer at `answeredAt` (performance.now()), counted from before the reservation was asked
 * for, so it is never early, and `passed(at)` whether leaving at `at` is too late for the slot.
 */
export function slotClock(slot: SendSlot, askedAt: number, answeredAt: number) {
  const leaveAt = answeredAt + slot.waitMs;
  return {
    leaveAt,
    arrivedBy: (at: number) => slot.slotAt.getTime() + (at - (askedAt + slot.waitMs)),
    /** Whether a request leaving at `at` is too late for its slot (see LATEST_LEAVE_AFTER_SLOT_MS): reserve another. */
    passed: (at: number) => at - leaveAt > LATEST_LEAVE_AFTER_SLOT_MS,
  };
}

/**
 * Hands out no slot for `ms` from now (the provider said "retry after"): every process sharing the key holds
 * back, instead of each finding out with its own 429.
 */
export async function holdSendSlots(key: string, ms: number): Promise<void> {
  if (ms <= 0) return;
  await prisma.$executeRaw`
    UPDATE "SendBudget"
       SET "nextSlotAt" = GREATEST("nextSlotAt", (clock_timestamp() AT TIME ZONE 'UTC') + make_interval(secs => ${Math.ceil(ms)}::float8 / 1000))
     WHERE "key" = ${key}`;
}

/** Resolves after `ms` (at once for 0 or less). */
export function sleep(ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * How far ahead a background call (a subscriber sync, a sweep) may reserve. They never queue more than this into
 * the future, so an interactive call, which reserves without that bound, gets a slot within about this long however
 * many background calls wait: it jumps the queue and still uses one slot of the same budget. Alerts (deliverDue
 * reserves for them) book up to their run's end, so on a key a signup burst shares with a restock, an alert also
 * waits at most this long behind the syncs: a first alert is time-critical, a sync is not. (It was 500 ms; with two
 * processes the first alerts then waited about half a second for their slot.)
 */
export const BACKGROUND_HORIZON_MS = 150;

/**
 * How long, at most, beyond one slot's spacing a background call that found the budget booked waits before asking
 * again; random, so the waiting callers do not come back together and hammer the key's row.
 */
const BACKGROUND_RETRY_JITTER_MS = 500;

export type SlotPriority = "interactive" | "background";

/**
 * Waits for a slot of the key's budget and returns when the request may leave: call right before the request,
 * and call the returned function when it is answered or has failed (its time becomes the request's arrival
 * bound; until then it counts as in flight). A background call that finds the budget booked beyond
 * BACKGROUND_HORIZON_MS reserves nothing and asks again a little later (BACKGROUND_RETRY_JITTER_MS); waiting is never
 * an error.
 */
export async function waitForSendSlot(
  key: string,
  perSecond: number,
  priority: SlotPriority = "background",
): Promise<() => void> {
  const withinMs = priority === "interactive" ? Infinity : BACKGROUND_HORIZON_MS;
  for (;;) {
    const askedAt = performance.now();
    const slot = await reserveSlot(key, perSecond, withinMs);
    if (!slot) {
      await sleep(slotSpacingMs(perSecond) + Math.random() * BACKGROUND_RETRY_JITTER_MS);
      continue;
    }
    const clock = slotClock(slot, askedAt, performance.now());
    await sleep(clock.leaveAt - performance.now());
    // A lost settle leaves the in-flight bound, which only costs pace: it must not fail the caller's request.
    return () => void settleSendSlot(slot, clock.arrivedBy(performance.now())).catch(() => undefined);
  }
}
