import { prisma } from "@/lib/db/prisma";
import type { DeliveryProvider } from "@/lib/generated/prisma/client";

/**
 * Consecutive failed or unanswered sends on one key that open its circuit. The engine never has more requests
 * in flight per key and run than this (see deliverDue), so an outage of any length costs at most this many
 * unconfirmed sends.
 */
export const CIRCUIT_THRESHOLD = 4;

export type ProbeBackoff = { firstMs: number; capMs: number };

/**
 * Probe backoff while the circuit is open: doubles from the first to the cap. A probe is one request in a budget
 * of 15 a second, so the cap is short: sending resumes within 5 s of the provider answering again.
 */
export const PROBE_BACKOFF: ProbeBackoff = { firstMs: 1_000, capMs: 5_000 };

export type CircuitView = { consecutiveFailures: number; openedAt: Date | null; nextProbeAt: Date | null };

const PROVIDER_NAMES: Record<DeliveryProvider, string> = {
  POSTSCRIPT: "Postscript",
  KLAVIYO: "Klaviyo",
  BUILT_IN: "built-in SMS",
};

const CLOSED: CircuitView = { consecutiveFailures: 0, openedAt: null, nextProbeAt: null };

export function probeDelayMs(probes: number, backoff: ProbeBackoff = PROBE_BACKOFF): number {
  return Math.min(backoff.capMs, backoff.firstMs * 2 ** Math.max(0, probes));
}

/** The key's circuit as stored (closed when there is no row). */
export async function readCircuit(key: string): Promise<CircuitView> {
  const row = await prisma.sendCircuit.findUnique({ where: { key } });
  return row
    ? { consecutiveFailures: row.consecutiveFailures, openedAt: row.openedAt, nextProbeAt: row.nextProbeAt }
    : CLOSED;
}

/**
 * An answer came (accepted, or refused for the message's own reason) to a request that left at `sentAt`: the run
 * of failures is over, unless a failure was counted after the request left. An answer read late (a busy process,
 * a slow query queue) must not wipe a newer failure: the provider may have stopped answering since, and the reset
 * would let more requests into the outage than the threshold. Returns the circuit after a reset, or null when
 * nothing was reset.
 */
export async function noteAnswered(key: string, sentAt: Date): Promise<CircuitView | null> {
  const [row] = await prisma.sendCircuit.updateManyAndReturn({
    where: { key, consecutiveFailures: { gt: 0 }, openedAt: null, updatedAt: { lt: sentAt } },
    data: { consecutiveFailures: 0 },
  });
  return row
    ? { consecutiveFailures: row.consecutiveFailures, openedAt: row.openedAt, nextProbeAt: row.nextProbeAt }
    : null;
}

/**
 * A send failed without an answer, or with a server error: counts towards the threshold, and opens the circuit
 * when it is reached. Opening pauses the shop's sending through the provider (a SendingPause row, which the
 * dashboard shows) and schedules the first probe. Returns the circuit after the failure.
 */
export async function noteFailure(
  key: string,
  shopId: string,
  provider: DeliveryProvider,
  error: string,
  backoff: ProbeBackoff = PROBE_BACKOFF,
): Promise<CircuitView> {
  const row = await prisma.sendCircuit.upsert({
    where: { key },
    create: { key, consecutiveFailures: 1, lastError: error },
    update: { consecutiveFailures: { increment: 1 }, lastError: error },
  });
  if (row.openedAt || row.consecutiveFailures < CIRCUIT_THRESHOLD) {
    return { consecutiveFailures: row.consecutiveFailures, openedAt: row.openedAt, nextProbeAt: row.nextProbeAt };
  }
  const now = new Date();
  const opened = await prisma.sendCircuit.updateMany({
    where: { key, openedAt: null },
    data: { openedAt: now, nextProbeAt: new Date(now.getTime() + probeDelayMs(0, backoff)), probes: 0 },
  });
  if (opened.count > 0) {
    await prisma.sendingPause.create({
      data: {
        shopId,
        provider,
        reason: `Sending through ${PROVIDER_NAMES[provider]} paused after ${row.consecutiveFailures} sends in a row got no answer or a server error. Waiting events stay queued; Signalboard checks ${PROVIDER_NAMES[provider]} with backoff and resumes by itself.`,
        pausedAt: now,
      },
    });
  }
  return readCircuit(key);
}

/**
 * Takes the right to probe an open circuit now (one prober across every process): moves the next probe time
 * one backoff step on, so a prober that dies does not block the next. False when it is not time yet or another
 * caller took it.
 */
export async function claimProbe(key: string, backoff: ProbeBackoff = PROBE_BACKOFF): Promise<boolean> {
  const row = await prisma.sendCircuit.findUnique({ where: { key } });
  if (!row?.openedAt || !row.nextProbeAt || row.nextProbeAt.getTime() > Date.now()) return false;
  const claimed = await prisma.sendCircuit.updateMany({
    where: { key, nextProbeAt: row.nextProbeAt },
    data: { probes: { increment: 1 }, nextProbeAt: new Date(Date.now() + probeDelayMs(row.probes + 1, backoff)) },
  });
  return claimed.count > 0;
}

/** The provider answered a probe: close the circuit and end the shop's pause. */
export async function closeCircuit(key: string, shopId: string, provider: DeliveryProvider): Promise<void> {
  const now = new Date();
  await prisma.$transaction([
    prisma.sendCircuit.updateMany({
      where: { key },
      data: { openedAt: null, nextProbeAt: null, probes: 0, consecutiveFailures: 0 },
    }),
    prisma.sendingPause.updateMany({ where: { shopId, provider, resumedAt: null }, data: { resumedAt: now } }),
  ]);
}
