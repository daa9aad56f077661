import { inngest } from "@/inngest/client";
import { rollUpReports } from "@/lib/reports/roll-up-reports";

/** Every minute: brings the reports' daily figures up to date with the ledger (only the days that changed). */
export const rollUpReportsFn = inngest.createFunction(
  {
    id: "roll-up-reports",
    name: "Reports: roll up changed days",
    triggers: [{ cron: "* * * * *" }],
    retries: 2,
    concurrency: 1,
  },
  async ({ step }) => step.run("roll-up-reports", () => rollUpReports()),
);
