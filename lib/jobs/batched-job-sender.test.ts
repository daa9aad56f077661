import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { batchedJobSender } from "./batched-job-sender";
import { jobEvent } from "./job-events";

// Each event names its own shop id, so these rows are told apart from other test files' in the shared job table.
const rowsFor = (shopIds: string[]) =>
  prisma.job.findMany({
    where: { OR: shopIds.map((shopId) => ({ data: { path: ["shopId"], equals: shopId } })) },
    select: { data: true, createdAt: true },
  });

describe("batchedJobSender (local job table)", () => {
  it("hands a burst over in a few batches, every event once", async () => {
    const send = batchedJobSender({ maxWaitMs: 20, maxEvents: 100 });
    const shopIds = Array.from({ length: 250 }, () => `shop-${randomUUID()}`);
    await Promise.all(shopIds.map((shopId) => send(jobEvent("deliveriesQueued", { shopId }))));

    const rows = await rowsFor(shopIds);
    expect(rows.map((row) => (row.data as { shopId: string }).shopId).sort()).toEqual([...shopIds].sort());
    // One INSERT per batch gives its rows one creation time: 100 + 100 + 50.
    expect(new Set(rows.map((row) => row.createdAt.getTime())).size).toBeLessThanOrEqual(3);
  });

  it("rejects every event of a batch that could not be handed over and stores none of it; the next batch goes", async () => {
    const send = batchedJobSender({ maxWaitMs: 20, maxEvents: 100 });
    const [first, unstorable, last] = [randomUUID(), randomUUID(), randomUUID()].map((id) => `shop-${id}`);
    // PostgreSQL refuses a NUL character in JSON, so this batch's INSERT fails as a whole.
    const outcomes = await Promise.allSettled([
      send(jobEvent("deliveriesQueued", { shopId: first! })),
      send(jobEvent("deliveriesQueued", { shopId: `${unstorable}\u0000` })),
      send(jobEvent("deliveriesQueued", { shopId: last! })),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(await rowsFor([first!, last!])).toEqual([]);

    const later = `shop-${randomUUID()}`;
    await send(jobEvent("deliveriesQueued", { shopId: later }));
    expect(await rowsFor([later])).toHaveLength(1);
  });
});
