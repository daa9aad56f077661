import { defineCronJob } from "@/lib/jobs/define-job";
import { applyLedgerRetention } from "@/lib/retention/apply-ledger-retention";

/** Steps per run: a backlog beyond this many million rows carries over to the next night. */
const MAX_STEPS = 20;

/**
 * Nightly: each shop's ledger retention (lib/retention). A step deletes at most a million rows, so a first run over
 * a large ledger is spread over steps, each well inside a step's time limit.
 */
export const applyLedgerRetentionJob = defineCronJob({
  id: "apply-ledger-retention",
  name: "Ledger: apply retention",
  trigger: { cron: "TZ=UTC 30 3 * * *" },
  retries: 3,
  run: async ({ step }) => {
    let deleted = 0;
    for (let i = 0; i < MAX_STEPS; i++) {
      const pass = await step.run(`apply-ledger-retention-${i}`, () => applyLedgerRetention());
      deleted += pass.deleted;
      if (!pass.more) break;
    }
    return { deleted };
  },
});
