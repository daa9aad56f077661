import Link from "next/link";
import type { DiagnosticCheck } from "@/lib/diagnostics/diagnostic-check";
import { leadSentence } from "@/lib/diagnostics/lead-sentence";
import { StatusIcon } from "./status-icon";

/** One check: what was found and how to fix it, with a link to the page where the fix is made. */
export function DiagnosticRow({ check, titles }: { check: DiagnosticCheck; titles: Map<string, string> }) {
  const blockedBy = check.blockedBy ? titles.get(check.blockedBy) : undefined;
  // One line first; the rest of a long explanation stays one click away.
  const detail = leadSentence(check.detail);
  return (
    <li
      className="flex gap-3 py-4 first:pt-0 last:pb-0"
      data-testid={`diagnostic-${check.id}`}
      data-status={check.status}
    >
      <StatusIcon status={check.status} blocked={Boolean(blockedBy)} />
      <div className="min-w-0 flex-1 space-y-1">
        <h3 className="text-sm font-semibold text-slate-900">{check.title}</h3>
        <p className="text-sm text-slate-700">{detail.lead}</p>
        {detail.rest ? (
          <details className="text-sm text-slate-700">
            <summary className="w-fit cursor-pointer font-medium text-slate-600 hover:text-slate-900">
              Details<span className="sr-only">: {check.title}</span>
            </summary>
            <p className="mt-1">{detail.rest}</p>
          </details>
        ) : null}
        {blockedBy ? (
          <p className="text-sm text-slate-600">Fix “{blockedBy}” first; this check then runs by itself.</p>
        ) : check.status !== "ok" ? (
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-md bg-slate-50 px-3 py-2 text-sm">
            <p className="text-slate-700">
              <span className="font-medium text-slate-900">Fix: </span>
              {check.fix}
            </p>
            {check.fixHref ? (
              <Link href={check.fixHref} className="whitespace-nowrap font-medium text-brand-600 hover:text-brand-700">
                Fix it<span className="sr-only">: {check.title}</span> →
              </Link>
            ) : null}
          </div>
        ) : null}
      </div>
    </li>
  );
}
