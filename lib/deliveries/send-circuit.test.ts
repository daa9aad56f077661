import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createEngineShop } from "@/lib/restock/restock-test-fixtures";
import { CIRCUIT_THRESHOLD, claimProbe, closeCircuit, noteAnswered, noteFailure, readCircuit } from "./send-circuit";

const freshKey = () => `test-circuit:${randomBytes(6).toString("hex")}`;
const NOW = { firstMs: 0, capMs: 0 };

describe("the send circuit per key", () => {
  it("opens after the threshold of failures in a row, pausing the shop's sending with a visible reason", async () => {
    const { shopId } = await createEngineShop();
    const key = freshKey();
    for (let i = 1; i < CIRCUIT_THRESHOLD; i++)
      expect((await noteFailure(key, shopId, "POSTSCRIPT", "no answer")).openedAt).toBeNull();
    expect(await prisma.sendingPause.count({ where: { shopId } })).toBe(0);
    const opened = await noteFailure(key, shopId, "POSTSCRIPT", "no answer");
    expect(opened.openedAt).toBeInstanceOf(Date);
    expect(await prisma.sendingPause.findFirst({ where: { shopId } })).toMatchObject({
      provider: "POSTSCRIPT",
      resumedAt: null,
      reason: expect.stringMatching(
        /^Sending through Postscript paused after 4 sends in a row .* resumes by itself\.$/,
      ),
    });
    // Further failures while open do not open it again.
    await noteFailure(key, shopId, "POSTSCRIPT", "no answer");
    expect(await prisma.sendingPause.count({ where: { shopId } })).toBe(1);
  });

  it("an answer in between resets the count", async () => {
    const { shopId } = await createEngineShop();
    const key = freshKey();
    for (let i = 1; i < CIRCUIT_THRESHOLD; i++) await noteFailure(key, shopId, "POSTSCRIPT", "HTTP 500");
    // The answered request left after the failures were counted (a later millisecond: the columns keep milliseconds).
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await noteAnswered(key, new Date())).toMatchObject({ consecutiveFailures: 0, openedAt: null });
    expect(await readCircuit(key)).toMatchObject({ consecutiveFailures: 0, openedAt: null });
    expect((await noteFailure(key, shopId, "POSTSCRIPT", "HTTP 500")).openedAt).toBeNull();
  });

  it("an answer read after a later failure was counted does not wipe it: the outage may have begun since", async () => {
    const { shopId } = await createEngineShop();
    const key = freshKey();
    const sentAt = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Failures counted after the answered request left (requests that went into an outage while its answer waited).
    for (let i = 1; i < CIRCUIT_THRESHOLD; i++) await noteFailure(key, shopId, "POSTSCRIPT", "no answer");
    expect(await noteAnswered(key, sentAt)).toBeNull();
    expect(await readCircuit(key)).toMatchObject({ consecutiveFailures: CIRCUIT_THRESHOLD - 1 });
    expect((await noteFailure(key, shopId, "POSTSCRIPT", "no answer")).openedAt).toBeInstanceOf(Date);
  });

  it("gives one prober at a time the probe, backs off, and closes on an answer, ending the pause", async () => {
    const { shopId } = await createEngineShop();
    const key = freshKey();
    for (let i = 0; i < CIRCUIT_THRESHOLD; i++) await noteFailure(key, shopId, "POSTSCRIPT", "no answer", NOW);
    const claims = await Promise.all([
      claimProbe(key, { firstMs: 60_000, capMs: 60_000 }),
      claimProbe(key, { firstMs: 60_000, capMs: 60_000 }),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    // The next probe is a backoff away.
    expect(await claimProbe(key)).toBe(false);
    expect((await readCircuit(key)).nextProbeAt!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    await closeCircuit(key, shopId, "POSTSCRIPT");
    expect(await readCircuit(key)).toMatchObject({ consecutiveFailures: 0, openedAt: null });
    expect(await prisma.sendingPause.findFirst({ where: { shopId } })).toMatchObject({ resumedAt: expect.any(Date) });
  });
});
