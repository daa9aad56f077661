import { describe, expect, it } from "vitest";
import { beginRefresh, refreshesSettled } from "./refresh-gate";

const settledWithin = async (promise: Promise<void>, ms = 20) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe("refresh gate", () => {
  it("lets an action through at once when no refresh is in flight", async () => {
    expect(await settledWithin(refreshesSettled())).toBe(true);
  });

  it("holds actions until every refresh in flight has ended, and an end counts once", async () => {
    const endFirst = beginRefresh();
    const endSecond = beginRefresh();
    const waiting = refreshesSettled();
    expect(await settledWithin(waiting)).toBe(false);
    endFirst();
    endFirst();
    expect(await settledWithin(waiting)).toBe(false);
    endSecond();
    expect(await settledWithin(waiting)).toBe(true);
    expect(await settledWithin(refreshesSettled())).toBe(true);
  });
});
