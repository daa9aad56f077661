"use client";

import type { ReportTable } from "@/lib/reports/report-tables";

/**
 * One report table: the figures behind a chart (or on their own), with a caption for screen readers and a CSV
 * download of exactly these rows. Long day-by-day tables are folded so the charts stay in view. The cells arrive
 * formatted; a client component, so the page carries them once as plain text rather than as a tree of elements,
 * and cells are styled from the table (a big report has thousands of them).
 */
export function ReportDataTable({
  table,
  csvHref,
  folded = false,
}: {
  table: ReportTable;
  csvHref: string;
  folded?: boolean;
}) {
  const body =
    table.rows.length === 0 ? (
      <p className="py-2 text-sm text-slate-600">Nothing in this range yet.</p>
    ) : (
      // Focusable, so a keyboard user can scroll a wide table sideways.
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={table.title}>
        <table
          className="min-w-full divide-y divide-slate-200 text-sm [&_td]:px-3 [&_td]:py-2 [&_td]:text-slate-700 [&_tbody_th]:px-3 [&_tbody_th]:py-2 [&_tbody_th]:text-left [&_tbody_th]:font-normal [&_tbody_th]:text-slate-800"
          data-testid={`report-table-${table.id}`}
        >
          <caption className="sr-only">{table.title}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              {table.columns.map((c) => (
                <th key={c.label} scope="col" className={`px-3 py-2 ${c.format === "text" ? "" : "text-right"}`}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          {/* Figures are right-aligned (inherited); the few text columns say otherwise. */}
          <tbody className="divide-y divide-slate-100 text-right tabular-nums">
            {table.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={i} className={table.columns[i]!.format === "text" ? "text-left" : undefined}>
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  const download = (
    <a href={csvHref} download className="text-sm font-medium text-brand-600 hover:text-brand-700">
      Download CSV<span className="sr-only"> of {table.title}</span>
    </a>
  );
  if (folded) {
    return (
      <details className="mt-3 group">
        <summary className="cursor-pointer text-sm font-medium text-slate-700">
          Show the table: {table.title.toLowerCase()}
        </summary>
        <div className="mt-2">{body}</div>
        <div className="mt-2 text-right">{download}</div>
      </details>
    );
  }
  return (
    <div className="mt-3">
      {body}
      <div className="mt-2 text-right">{download}</div>
    </div>
  );
}
