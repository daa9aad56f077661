import { describe, expect, it } from "vitest";
import { toInngestFunction } from "@/lib/jobs/inngest-functions";
import { jobAffinity, loadDeferredLocalJobs, registerLocalJobs } from "@/lib/jobs/local-job-table";
import { prisma } from "@/lib/db/prisma";
import { rollUpChangedReports } from "@/inngest/functions/roll-up-changed-reports";
import { rollUpReportsJob } from "@/inngest/functions/roll-up-reports";
import { reportsRollUpRequestOptions, requestReportsRollUp } from "./request-reports-roll-up";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// This worker's waiting rollup (the rows carry the worker's affinity; the job itself is never run here: it sweeps
// every shop in the shared database).
const waiting = () =>
  prisma.job.findMany({ where: { name: rollUpChangedReports.id, affinity: jobAffinity(), status: "PENDING" } });

describe("reports rollup on change", () => {
  it("a burst of changes asks once, then once more at the end of the window; the asks join one waiting run", async () => {
    // The worker's job runner loads with the first send; the asks below are timed, so it loads before them.
    await loadDeferredLocalJobs();
    registerLocalJobs([rollUpChangedReports]);
    await prisma.job.deleteMany({ where: { name: rollUpChangedReports.id, affinity: jobAffinity() } });
    reportsRollUpRequestOptions.throttleMs = 500;
    try {
      await sleep(500);
      for (let i = 0; i < 5; i++) requestReportsRollUp();
      await sleep(150);
      const [first, ...others] = await waiting();
      expect(others).toEqual([]);
      // Debounced: the run waits 20 s for the changes to settle.
      expect(first!.runAt.getTime() - first!.createdAt.getTime()).toBe(20_000);
      // The trailing ask (for the four changes inside the window) moves the same row on.
      await sleep(600);
      const [moved, ...more] = await waiting();
      expect(more).toEqual([]);
      expect(moved!.id).toBe(first!.id);
      expect(moved!.runAt.getTime()).toBeGreaterThan(first!.runAt.getTime() + 300);
      // Nothing more was asked: the row stays where it is.
      await sleep(600);
      expect((await waiting())[0]!.updatedAt).toEqual(moved!.updatedAt);
    } finally {
      reportsRollUpRequestOptions.throttleMs = 10_000;
      await prisma.job.deleteMany({ where: { name: rollUpChangedReports.id, affinity: jobAffinity() } });
    }
  });

  it("runs on Inngest 20 s after changes settle and at least once a minute while they keep coming", () => {
    expect((toInngestFunction(rollUpChangedReports) as unknown as { opts: unknown }).opts).toMatchObject({
      id: "roll-up-changed-reports",
      triggers: [{ event: "reports/ledger.changed" }],
      debounce: { period: "20s", timeout: "60s" },
    });
  });

  it("keeps a 15-minute schedule as a safety net for a lost ask", () => {
    expect((toInngestFunction(rollUpReportsJob) as unknown as { opts: unknown }).opts).toMatchObject({
      triggers: [{ cron: "*/15 * * * *" }],
    });
  });
});
