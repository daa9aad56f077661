import { defineCronJob } from "@/lib/jobs/define-job";
import { rollUpReports } from "@/lib/reports/roll-up-reports";

/**
 * Every 15 minutes, a safety net: brings the reports' daily figures up to date with the ledger (only the days that
 * changed), for changes whose rollup request was lost. Changes are normally rolled up within a minute by
 * roll-up-changed-reports.
 */
export const rollUpReportsJob = defineCronJob({
  id: "roll-up-reports",
  name: "Reports: roll up changed days",
  trigger: { cron: "*/15 * * * *" },
  retries: 2,
  run: () => rollUpReports(),
});
