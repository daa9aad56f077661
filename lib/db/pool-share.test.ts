import { describe, expect, it } from "vitest";
import { poolShare } from "./pool-share";

describe("poolShare", () => {
  it("runs at most `max` queries at once, the rest in the order they came, and frees a place on failure", async () => {
    const share = poolShare(2);
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
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => share(query(i))));
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect(await share(async () => "after")).toBe("after");
  });
});
