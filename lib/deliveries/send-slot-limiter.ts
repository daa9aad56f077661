import { createHash } from "node:crypto";
import { type BudgetReservation, reserveBudget } from "@/lib/budget/reserve-budget";
import { prisma } from "@/lib/db/prisma";

/**
 * Slack added to Postscript's one-second window: a send can leave a few milliseconds after its slot (timer and
 * event-loop delay) and arrive with network jitter, and the sliding window counts arrivals. 15/s then becomes
 * one request every 69 ms (14.5/s, 0.97 of the limit), which never gives 16 arrivals within one second.
 */
export const WINDOW_SAFETY_MS = 15;

// Lateness below this is timer noise, already inside WINDOW_SAFETY_MS.
const LATE_TOLERANCE_MS = 8;

/** Milliseconds between two requests on one key for a per-second limit (whole ms: the store keeps ms). */
export function slotIntervalMs(perSecond: number, safetyMs = WINDOW_SAFETY_MS): number {
  if (!Number.isFinite(perSecond) || perSecond <= 0) throw new Error("perSecond must be a positive number");
  return Math.ceil((1_000 + safetyMs) / perSecond);
}

/** The limiter's row name for a provider key; only a hash, so the table never holds a secret. */
export function limiterKey(provider: string, secret: string): string {
  return `send-slot:${provider}:${createHash("sha256").update(secret).digest("hex").slice(0, 32)}`;
}

/**
 * Reserves the next send slot for `key` and returns how many milliseconds to wait before using it (0 = now), or
 * null when the next slot is more than `withinMs` away (nothing is reserved then, so a caller about to stop
 * never pushes the others back).
 *
 * GCRA with no burst (reserveBudget with no tolerance): the key's theoretical arrival time (TAT) moves to
 * max(TAT, now) + interval, so every process sharing the key gets slots at least one interval apart, and no
 * sliding second ever holds more than `perSecond` of them. A fixed-window counter (such
 * as rate-limiter-flexible's) allows 2× at a window boundary, which Postscript's sliding window answers with
 * 429. The TAT lives in the key's SendBudget row; the database clock is the one all processes share.
 */
export async function reserveSendSlot(
  key: string,
  perSecond: number,
  withinMs = Infinity,
  safetyMs = WINDOW_SAFETY_MS,
): Promise<number | null> {
  return (await reserveSlot(key, perSecond, withinMs, safetyMs))?.waitMs ?? null;
}

/** reserveSendSlot, also giving the slot's time on the database clock (what the spacing is exact on). */
export async function reserveSlot(
  key: string,
  perSecond: number,
  withinMs = Infinity,
  safetyMs = WINDOW_SAFETY_MS,
): Promise<BudgetReservation | null> {
  return reserveBudget(key, { costMs: slotIntervalMs(perSecond, safetyMs), withinMs });
}

/**
 * Moves every slot not yet handed out `lateMs` later. A request that leaves late (a cold database connection,
 * a busy event loop) would otherwise sit closer than one interval to the slots after it; shifting them keeps
 * any 16 requests more than a second apart. Slots already reserved (at most one per worker) are not moved.
 */
export async function delaySendSlots(key: string, lateMs: number): Promise<void> {
  if (lateMs <= 0) return;
  await prisma.$executeRaw`
    UPDATE "SendBudget" SET "nextSlotAt" = "nextSlotAt" + make_interval(secs => ${Math.ceil(lateMs)}::float8 / 1000)
     WHERE "key" = ${key}`;
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
 * How far ahead a background call may reserve. Background callers (alerts, syncs, sweeps) never queue more than
 * this into the future, so an interactive call, which reserves without that bound, gets a slot within about this
 * long however many background calls wait: it jumps the queue and still uses one slot of the same budget.
 */
export const BACKGROUND_HORIZON_MS = 500;

export type SlotPriority = "interactive" | "background";

/**
 * Waits for a slot of the key's budget and returns when the request may leave: call right before the request.
 * A background call that finds the budget booked beyond BACKGROUND_HORIZON_MS reserves nothing and asks again a
 * little later (with jitter, so waiting callers do not come back together); waiting is never an error.
 */
export async function waitForSendSlot(
  key: string,
  perSecond: number,
  priority: SlotPriority = "background",
): Promise<void> {
  const withinMs = priority === "interactive" ? Infinity : BACKGROUND_HORIZON_MS;
  const interval = slotIntervalMs(perSecond);
  for (;;) {
    const reservedAt = performance.now();
    const wait = await reserveSendSlot(key, perSecond, withinMs);
    if (wait === null) {
      await sleep(interval + Math.random() * BACKGROUND_HORIZON_MS);
      continue;
    }
    await sleep(reservedAt + wait - performance.now());
    // A request leaving late (a busy event loop) would sit closer than one interval to the slots after it.
    const late = performance.now() - (reservedAt + wait);
    if (late > LATE_TOLERANCE_MS) await delaySendSlots(key, late).catch(() => undefined);
    return;
  }
}
