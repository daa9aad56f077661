import { prisma } from "@/lib/db/prisma";

export type BudgetReservation = { waitMs: number; slotAt: Date };

/**
 * Reserves `costMs` of a shared budget (a SendBudget row, created on first use) and returns how many milliseconds
 * to wait before spending it (0 = now) with that moment on the database clock, or null when it is more than
 * `withinMs` away (nothing is reserved then, so a caller about to give up never pushes the others back).
 *
 * GCRA in one INSERT … ON CONFLICT DO UPDATE … RETURNING: the row's `nextSlotAt` is when the budget is whole again
 * (the theoretical arrival time); each reservation moves it to max(it, now) + costMs, and may start once it is
 * at most `toleranceMs` ahead of now. With no tolerance that is evenly spaced slots (a provider's per-second
 * limit); with a tolerance it is a leaky bucket of capacity costMs + toleranceMs (Shopify's cost bucket: cost
 * and capacity divided by the restore rate). The database clock is the one every process shares.
 */
export async function reserveBudget(
  key: string,
  { costMs, toleranceMs = 0, withinMs = Infinity }: { costMs: number; toleranceMs?: number; withinMs?: number },
): Promise<BudgetReservation | null> {
  const tolerance = Math.max(0, toleranceMs);
  // Beyond a day, "within" means "whenever" (and keeps the interval arithmetic finite).
  const within = Number.isFinite(withinMs) ? Math.max(0, Math.min(withinMs, 86_400_000)) : 86_400_000;
  const rows = await prisma.$queryRaw<{ wait_ms: number; slot_at: Date }[]>`
    INSERT INTO "SendBudget" AS l ("key", "nextSlotAt")
    VALUES (${key}, (clock_timestamp() AT TIME ZONE 'UTC') + make_interval(secs => ${costMs}::float8 / 1000))
    ON CONFLICT ("key") DO UPDATE
      SET "nextSlotAt" = GREATEST(l."nextSlotAt", clock_timestamp() AT TIME ZONE 'UTC')
                     + make_interval(secs => ${costMs}::float8 / 1000)
      WHERE l."nextSlotAt" <= (clock_timestamp() AT TIME ZONE 'UTC')
                            + make_interval(secs => (${within}::float8 + ${tolerance}::float8) / 1000)
    RETURNING (EXTRACT(EPOCH FROM (l."nextSlotAt" - (clock_timestamp() AT TIME ZONE 'UTC'))) * 1000
                - ${costMs}::float8 - ${tolerance}::float8)::float8 AS wait_ms,
              GREATEST(l."nextSlotAt" - make_interval(secs => (${costMs}::float8 + ${tolerance}::float8) / 1000),
                       LEAST(l."nextSlotAt" - make_interval(secs => ${costMs}::float8 / 1000),
                             clock_timestamp() AT TIME ZONE 'UTC')) AS slot_at`;
  const row = rows[0];
  if (!row) return null;
  return { waitMs: Math.max(0, Math.round(Number(row.wait_ms))), slotAt: row.slot_at };
}
