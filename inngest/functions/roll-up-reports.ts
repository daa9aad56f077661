import { defineCronJob } from "@/lib/jobs/define-job";
import { rollUpReports } from "@/lib/reports/roll-up-reports";

/** Every minute: brings the reports' daily figures up to date with the ledger (only the days that changed). */
export const rollUpReportsJob = defineCronJob({
  id: "roll-up-reports",
  name: "Reports: roll up changed days",
  trigger: { cron: "* * * * *" },
  retries: 2,
  run: async ({ step }) => step.run("roll-up-reports", () => rollUpReports()),
});
