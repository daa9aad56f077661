import { describe, expect, it } from "vitest";
import { LANE_HEAD_START, poolShare, type PoolShare } from "./pool-share";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Holds the share's only place until released, queues `queued` (lane, name) behind it, and returns the start order. */
async function startOrder(share: PoolShare, holder: object, queued: [object, string][]): Promise<string[]> {
  let release = () => {};
  const holding = share(holder, () => new Promise<void>((resolve) => (release = resolve)));
  const started: string[] = [];
  const waiting = queued.map(([lane, name]) =>
    share(lane, async () => {
      started.push(name);
      await tick();
    }),
  );
  await tick();
  expect(started).toEqual([]);
  release();
  await Promise.all([holding, ...waiting]);
  return started;
}

describe("poolShare", () => {
  it("runs at most `max` queries at once, one lane's in the order they came, and frees a place on failure", async () => {
    const share = poolShare(2);
    const lane = {};
    let active = 0;
    let most = 0;
    const started: number[] = [];
    const query = (i: number) => async () => {
      started.push(i);
      active++;
      most = Math.max(most, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active--;
      if (i === 1) throw new Error("failed query");
      return i;
    };
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => share(lane, query(i))));
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect(await share(lane, async () => "after")).toBe("after");
  });

  it("lets a lane with nothing waiting go ahead of a busy lane, by at most LANE_HEAD_START queries", async () => {
    const share = poolShare(1);
    const [busy, fresh] = [{}, {}];
    for (let i = 0; i < 50; i++) await share(busy, async () => undefined);
    const freshCount = LANE_HEAD_START + 3;
    const order = await startOrder(share, busy, [
      [busy, "busy 1"],
      [busy, "busy 2"],
      [busy, "busy 3"],
      ...Array.from({ length: freshCount }, (_, i): [object, string] => [fresh, `fresh ${i + 1}`]),
    ]);
    expect(order).toEqual([
      ...Array.from({ length: LANE_HEAD_START + 1 }, (_, i) => `fresh ${i + 1}`),
      "busy 1",
      `fresh ${LANE_HEAD_START + 2}`,
      "busy 2",
      `fresh ${LANE_HEAD_START + 3}`,
      "busy 3",
    ]);
  });

  it("keeps equally busy lanes level: they take turns", async () => {
    const share = poolShare(1);
    const [a, b, holder] = [{}, {}, {}];
    const order = await startOrder(share, holder, [
      [a, "a 1"],
      [a, "a 2"],
      [a, "a 3"],
      [b, "b 1"],
      [b, "b 2"],
      [b, "b 3"],
    ]);
    expect(order).toEqual(["a 1", "b 1", "a 2", "b 2", "a 3", "b 3"]);
  });
});
