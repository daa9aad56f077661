import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { driverQuery } from "@/lib/db/driver-query";
import { prisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import {
  BACKGROUND_HORIZON_MS,
  holdSendSlots,
  inFlightBoundMs,
  LATEST_LEAVE_AFTER_SLOT_MS,
  limiterKey,
  reserveSendSlot,
  reserveSlot,
  sendSlotOf,
  settleAndReserveSql,
  settleSendSlot,
  slotClock,
  slotSpacingMs,
  waitForSendSlot,
  WINDOW_MS,
  type ReservedRow,
  type SendSlot,
} from "./send-slot-limiter";

const freshKey = () => `test:${randomBytes(6).toString("hex")}`;

/** settleAndReserveSql run on its own: the settled slot's answer and the next slot, or null (nothing changed). */
async function settleAndReserve(slot: SendSlot, arrivedByMs: number, perSecond: number, withinMs = Infinity) {
  const rows = await driverQuery<ReservedRow>(settleAndReserveSql({ slot, arrivedByMs }, perSecond, withinMs));
  return sendSlotOf(slot.key, rows[0]);
}

/**
 * `callers` concurrent senders reserve `count` slots; each request "arrives" up to `jitterMs` after its slot and
 * is answered up to `jitterMs` after that (database clock). `merged`: each caller settles a request and reserves
 * its next slot in one statement (as the engine's record does), else one statement each. Returns the slot and
 * arrival times, sorted.
 */
async function sendMany(
  key: string,
  perSecond: number,
  count: number,
  callers: number,
  jitterMs: number,
  merged = false,
) {
  const slots: number[] = [];
  const arrivals: number[] = [];
  let reserved = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      let next: SendSlot | null = null;
      while (reserved < count) {
        reserved++;
        const slot: SendSlot = next ?? (await reserveSlot(key, perSecond))!;
        const arrival = slot.slotAt.getTime() + Math.random() * jitterMs;
        slots.push(slot.slotAt.getTime());
        arrivals.push(arrival);
        const answered = arrival + Math.random() * jitterMs;
        if (merged && reserved < count) next = await settleAndReserve(slot, answered, perSecond);
        else await settleSendSlot(slot, answered);
      }
      if (next) await settleSendSlot(next, null);
    }),
  );
  const sort = (values: number[]) => values.sort((a, b) => a - b);
  return { slots: sort(slots), arrivals: sort(arrivals) };
}

/** The fewest milliseconds spanned by `perSecond + 1` consecutive times (at least 1,000 keeps a sliding second). */
const tightestWindow = (times: number[], perSecond: number) =>
  Math.min(...times.slice(perSecond).map((time, i) => time - times[i]!));

describe("the send slot limiter (a sliding window of arrival bounds in PostgreSQL)", () => {
  it("never lets 16 requests arrive within one second, across concurrent callers and slow answers", async () => {
    expect(slotSpacingMs(15)).toBe(66);
    const { slots, arrivals } = await sendMany(freshKey(), 15, 60, 8, 80);
    expect(Math.min(...slots.slice(1).map((slot, i) => slot - slots[i]!))).toBeGreaterThanOrEqual(66);
    expect(tightestWindow(arrivals, 15)).toBeGreaterThanOrEqual(1_000);
  });

  it("keeps that bound when each settle reserves the caller's next slot in the same statement", async () => {
    const { slots, arrivals } = await sendMany(freshKey(), 15, 60, 8, 80, true);
    expect(Math.min(...slots.slice(1).map((slot, i) => slot - slots[i]!))).toBeGreaterThanOrEqual(66);
    expect(tightestWindow(arrivals, 15)).toBeGreaterThanOrEqual(1_000);
  });

  it("settles and reserves in one statement as if the settle ran first, or changes nothing when the slot is too far", async () => {
    const key = freshKey();
    const first = (await reserveSlot(key, 1))!;
    const answeredAt = first.slotAt.getTime() + 300;
    // The next slot is a window after the answer (the pending bound would put it after the in-flight bound).
    const second = (await settleAndReserve(first, answeredAt, 1))!;
    expect(second.slotAt.getTime()).toBeGreaterThanOrEqual(answeredAt + WINDOW_MS);
    expect(second.slotAt.getTime()).toBeLessThan(answeredAt + WINDOW_MS + 100);
    const bounds = async () =>
      (await prisma.sendBudget.findUniqueOrThrow({ where: { key } })).arrivalBounds.map((b) => b.getTime());
    expect(await bounds()).toEqual([answeredAt, second.pendingBoundMs]);
    // The third slot is beyond 200 ms: nothing reserved, and the second's settle did not happen either.
    expect(await settleAndReserve(second, second.slotAt.getTime(), 1, 200)).toBeNull();
    expect(await bounds()).toEqual([answeredAt, second.pendingBoundMs]);
  });

  it("keeps the pace near the limit when answers are slow: a window waits for its own answers, not their sum", async () => {
    // The key's slots start 5 s ahead, so that on a loaded machine the reservations' round trips never fall behind
    // them: the window, not the clock, must set the pace measured here.
    const key = freshKey();
    await settleSendSlot((await reserveSlot(key, 15))!, null);
    await holdSendSlots(key, 5_000);
    // One sender, so no request is still in flight (counted as arriving any time) when the next is reserved.
    const { slots, arrivals } = await sendMany(key, 15, 46, 1, 80);
    expect(tightestWindow(arrivals, 15)).toBeGreaterThanOrEqual(1_000);
    expect((slots.at(-1)! - slots[0]!) / (slots.length - 1)).toBeLessThan((WINDOW_MS + 2 * 80) / 15);
  });

  it("keeps keys independent and starts an idle key at once", async () => {
    const a = freshKey();
    const b = freshKey();
    await reserveSendSlot(a, 2);
    expect(await reserveSendSlot(a, 2)).toBeGreaterThan(400);
    expect(await reserveSendSlot(b, 2)).toBeLessThanOrEqual(1);
  });

  it("counts a request as arriving until it is settled, then only until its answer", async () => {
    const key = freshKey();
    const first = (await reserveSlot(key, 1))!;
    // In flight: the next request of a 1/s key must wait for its answer.
    expect(await reserveSendSlot(key, 1, 5_000)).toBeNull();
    await settleSendSlot(first, first.slotAt.getTime() + 300);
    const second = (await reserveSlot(key, 1))!;
    expect(second.slotAt.getTime()).toBeGreaterThanOrEqual(first.slotAt.getTime() + 300 + WINDOW_MS);
    // A slot nothing was sent on stops counting at once.
    const unused = (await reserveSlot(freshKey(), 1))!;
    await settleSendSlot(unused, null);
    expect(await reserveSendSlot(unused.key, 1, 5_000)).toBeLessThanOrEqual(1_000);
  });

  it("counts a slot never settled (its process was killed) until the request timeout has passed, no longer", async () => {
    const key = freshKey();
    const orphan = (await reserveSlot(key, 1))!;
    const next = (await reserveSlot(key, 1))!;
    const after = next.slotAt.getTime() - orphan.slotAt.getTime();
    expect(after).toBeGreaterThanOrEqual(inFlightBoundMs() + WINDOW_MS);
    expect(after).toBeLessThan(inFlightBoundMs() + WINDOW_MS + 100);
    expect(inFlightBoundMs()).toBeLessThan(20_000);
  });

  it("delays only the request a window's worth of places after a slow answer, not the next one", async () => {
    const key = freshKey();
    const a = (await reserveSlot(key, 2))!;
    await settleSendSlot(a, a.slotAt.getTime() + 700);
    const b = (await reserveSlot(key, 2))!;
    expect(b.slotAt.getTime() - a.slotAt.getTime()).toBe(slotSpacingMs(2));
    await settleSendSlot(b, b.slotAt.getTime() + 1);
    const c = (await reserveSlot(key, 2))!;
    // At most one earlier request may share c's second: b's answer bounds the second one back.
    expect(c.slotAt.getTime()).toBeGreaterThanOrEqual(b.slotAt.getTime() + 1 + WINDOW_MS);
  });

  it("tells a request starved past its slot not to leave: it could arrive after the bound counted for it", async () => {
    const slot = (await reserveSlot(freshKey(), 15))!;
    const askedAt = performance.now();
    const clock = slotClock(slot, askedAt, askedAt + 5);
    // (A millisecond either side of the limit: performance.now() times are fractional.)
    expect(clock.passed(clock.leaveAt)).toBe(false);
    expect(clock.passed(clock.leaveAt + LATEST_LEAVE_AFTER_SLOT_MS - 1)).toBe(false);
    expect(clock.passed(clock.leaveAt + LATEST_LEAVE_AFTER_SLOT_MS + 1)).toBe(true);
    // Leaving that late and answered at the timeout, it arrives within the in-flight bound the limiter counted.
    const lastArrival = clock.arrivedBy(clock.leaveAt + LATEST_LEAVE_AFTER_SLOT_MS + env().POSTSCRIPT_TIMEOUT_MS);
    expect(lastArrival).toBeLessThan(slot.pendingBoundMs);
  });

  it("holds every slot for a Retry-After", async () => {
    const held = freshKey();
    const before = (await reserveSlot(held, 10))!;
    await settleSendSlot(before, before.slotAt.getTime());
    await holdSendSlots(held, 2_000);
    expect((await reserveSlot(held, 10))!.slotAt.getTime()).toBeGreaterThanOrEqual(before.slotAt.getTime() + 2_000);
  });

  it("reserves nothing when the next slot is further away than the caller can wait", async () => {
    const key = freshKey();
    const first = (await reserveSlot(key, 1))!;
    await settleSendSlot(first, first.slotAt.getTime());
    expect(await reserveSendSlot(key, 1, 200)).toBeNull();
    expect(await reserveSendSlot(key, 1, 200)).toBeNull();
    // The refused calls did not move the slot: the next one is about a second after the first, not three.
    const next = (await reserveSlot(key, 1, 5_000))!;
    expect(next.slotAt.getTime() - first.slotAt.getTime()).toBeGreaterThanOrEqual(WINDOW_MS);
    expect(next.slotAt.getTime() - first.slotAt.getTime()).toBeLessThan(1_100);
  });

  it("stores only a hash of the provider key", async () => {
    const secret = `sk_sandbox_${randomBytes(8).toString("hex")}`;
    const key = limiterKey("postscript", secret);
    expect(key).not.toContain(secret);
    await reserveSendSlot(key, 15);
    const row = await prisma.sendBudget.findUnique({ where: { key } });
    expect(row?.nextSlotAt).toBeInstanceOf(Date);
  });

  it("lets an interactive call jump a queue of background calls, inside the same budget", async () => {
    const key = freshKey();
    const order: string[] = [];
    // 30 background callers at 10/s want 3 s of slots; they never book more than the horizon ahead.
    const startedAt = performance.now();
    const background = Array.from({ length: 30 }, (_, i) =>
      waitForSendSlot(key, 10).then((answered) => {
        answered();
        order.push(`bg${i}`);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Counted from the start, not assumed to be 300 ms: a busy machine fires the timer late.
    const elapsed = performance.now() - startedAt;
    const interactive = waitForSendSlot(key, 10, "interactive").then((answered) => {
      answered();
      order.push("interactive");
    });
    await Promise.all([interactive, ...background]);
    // Only the slots booked before it (the horizon's worth, plus one per spacing that passed) went first.
    expect(order.indexOf("interactive")).toBeLessThanOrEqual(
      Math.ceil((elapsed + BACKGROUND_HORIZON_MS) / slotSpacingMs(10)) + 1,
    );
    expect(order).toHaveLength(31);
  }, 15_000);

  it("refuses a limit that is not positive", () => {
    expect(() => slotSpacingMs(0)).toThrow(/positive/);
  });
});
