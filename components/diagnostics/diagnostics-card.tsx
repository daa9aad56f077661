import { Card } from "@/components/ui/card";
import { FlowTime } from "@/components/setup/flow-time";
import type { DiagnosticsReport } from "@/lib/diagnostics/run-diagnostics";
import { DiagnosticRow } from "./diagnostic-row";

function summary(report: DiagnosticsReport): string {
  const { problems, warnings } = report;
  if (!problems && !warnings) return `All ${report.checks.length} checks pass.`;
  const parts = [
    problems ? `${problems} problem${problems === 1 ? "" : "s"}` : null,
    warnings ? `${warnings} warning${warnings === 1 ? "" : "s"}` : null,
  ];
  return `${parts.filter(Boolean).join(" and ")} found by ${report.checks.length} automatic checks.`;
}

/**
 * The troubleshooting checks of the Postscript guides, run on the shop's data: problems first, each with its fix;
 * passing checks folded away underneath.
 */
export function DiagnosticsCard({ report, id = "diagnostics" }: { report: DiagnosticsReport; id?: string }) {
  const open = report.checks.filter((c) => c.status !== "ok");
  const passing = report.checks.filter((c) => c.status === "ok");
  const titles = new Map(report.checks.map((c) => [c.id, c.title]));
  return (
    <Card
      title={<span id={id}>Diagnostics</span>}
      description={
        <>
          <span
            className={
              report.problems
                ? "font-medium text-red-700"
                : report.warnings
                  ? "font-medium text-amber-800"
                  : "text-emerald-700"
            }
          >
            {summary(report)}
          </span>{" "}
          <span className="text-slate-500">
            Checked <FlowTime iso={report.checkedAt} timeZone={report.timeZone} />.
          </span>
        </>
      }
    >
      {open.length ? (
        <ul className="divide-y divide-slate-100" aria-label="Checks that need attention">
          {open.map((check) => (
            <DiagnosticRow key={check.id} check={check} titles={titles} />
          ))}
        </ul>
      ) : null}
      {passing.length ? (
        <details className={`group ${open.length ? "mt-4 border-t border-slate-100 pt-4" : ""}`}>
          <summary className="w-fit cursor-pointer rounded-md text-sm font-medium text-slate-700 hover:text-slate-900">
            {passing.length} check{passing.length === 1 ? "" : "s"} passed
          </summary>
          <ul className="mt-3 divide-y divide-slate-100" aria-label="Checks that passed">
            {passing.map((check) => (
              <DiagnosticRow key={check.id} check={check} titles={titles} />
            ))}
          </ul>
        </details>
      ) : null}
    </Card>
  );
}
