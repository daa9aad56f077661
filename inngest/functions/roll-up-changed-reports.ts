import { defineJob } from "@/lib/jobs/define-job";
import { rollUpReports } from "@/lib/reports/roll-up-reports";

/**
 * Brings the reports' daily figures up to date soon after the ledger changed (reportsChanged: sent by delivery
 * runs and requestReportsRollUp): 20 s after a burst of changes goes quiet, and at least once a minute while they
 * keep coming, so reports are as fresh as with an every-minute schedule while an idle app runs nothing.
 */
export const rollUpChangedReports = defineJob({
  id: "roll-up-changed-reports",
  name: "Reports: roll up after changes",
  trigger: { event: "reportsChanged" },
  retries: 2,
  debounce: { periodMs: 20_000, timeoutMs: 60_000 },
  run: () => rollUpReports(),
});
