import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import {
  BACKGROUND_HORIZON_MS,
  delaySendSlots,
  holdSendSlots,
  limiterKey,
  reserveSendSlot,
  reserveSlot,
  slotIntervalMs,
  waitForSendSlot,
} from "./send-slot-limiter";

const freshKey = () => `test:${randomBytes(6).toString("hex")}`;

/** Reserves `count` slots from `callers` concurrent callers and returns the slot times (ms, database clock). */
async function reserveMany(key: string, perSecond: number, count: number, callers: number): Promise<number[]> {
  const slots: number[] = [];
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (slots.length < count) {
        slots.push((await reserveSlot(key, perSecond))!.slotAt.getTime());
      }
    }),
  );
  return slots.sort((a, b) => a - b);
}

describe("the send slot limiter (GCRA in PostgreSQL)", () => {
  it("spaces one key's slots a whole interval apart, across concurrent callers, with no burst", async () => {
    expect(slotIntervalMs(15)).toBe(68);
    const slots = await reserveMany(freshKey(), 15, 40, 8);
    const gaps = slots.slice(1).map((slot, i) => slot - slots[i]!);
    expect(Math.min(...gaps)).toBe(68);
    // Never 16 slots within one second (what Postscript's sliding window would refuse).
    const windows = slots.slice(15).map((slot, i) => slot - slots[i]!);
    expect(Math.min(...windows)).toBeGreaterThan(1_000);
  });

  it("keeps keys independent and starts an idle key at once", async () => {
    const a = freshKey();
    const b = freshKey();
    await reserveSendSlot(a, 2);
    expect(await reserveSendSlot(a, 2)).toBeGreaterThan(400);
    expect(await reserveSendSlot(b, 2)).toBeLessThanOrEqual(1);
  });

  it("moves later slots back for a late request and holds all of them for a Retry-After", async () => {
    // Compared on the database clock's slot times, so a slow machine between the calls changes nothing.
    const key = freshKey();
    const first = (await reserveSlot(key, 10))!.slotAt.getTime();
    await delaySendSlots(key, 300);
    expect((await reserveSlot(key, 10))!.slotAt.getTime()).toBeGreaterThanOrEqual(first + slotIntervalMs(10) + 300);
    const held = freshKey();
    const before = (await reserveSlot(held, 10))!.slotAt.getTime();
    await holdSendSlots(held, 2_000);
    expect((await reserveSlot(held, 10))!.slotAt.getTime()).toBeGreaterThanOrEqual(before + 2_000);
  });

  it("reserves nothing when the next slot is further away than the caller can wait", async () => {
    const key = freshKey();
    await reserveSendSlot(key, 1);
    expect(await reserveSendSlot(key, 1, 200)).toBeNull();
    expect(await reserveSendSlot(key, 1, 200)).toBeNull();
    // The refused calls did not move the slot: the next one is still about a second away, not three.
    const wait = await reserveSendSlot(key, 1, 5_000);
    expect(wait).toBeGreaterThan(900);
    expect(wait).toBeLessThan(1_100);
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
    const background = Array.from({ length: 30 }, (_, i) => waitForSendSlot(key, 10).then(() => order.push(`bg${i}`)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const interactive = waitForSendSlot(key, 10, "interactive").then(() => order.push("interactive"));
    await Promise.all([interactive, ...background]);
    // Only the slots booked before it (the horizon's worth, plus one per interval that passed) went first.
    expect(order.indexOf("interactive")).toBeLessThanOrEqual(
      Math.ceil((300 + BACKGROUND_HORIZON_MS) / slotIntervalMs(10)) + 1,
    );
    expect(order).toHaveLength(31);
  }, 15_000);

  it("refuses a limit that is not positive", () => {
    expect(() => slotIntervalMs(0)).toThrow(/positive/);
  });
});
