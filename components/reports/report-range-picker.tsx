import Link from "next/link";
import { REPORT_PRESETS, type ReportRange } from "@/lib/reports/report-range";

/**
 * The date range: last 7/30/90 days as links, or a custom range through a plain GET form (works without
 * JavaScript and from the keyboard). Days are the shop's, in its time zone.
 */
export function ReportRangePicker({
  basePath,
  range,
  timeZone,
}: {
  basePath: string;
  range: ReportRange;
  timeZone: string;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end gap-4">
      <nav aria-label="Report range" className="flex gap-1 rounded-lg bg-white p-1 ring-1 ring-slate-200">
        {REPORT_PRESETS.map((preset) => {
          const active = range.preset === preset;
          return (
            <Link
              key={preset}
              href={`${basePath}?range=${preset}`}
              aria-current={active ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
            >
              Last {preset} days
            </Link>
          );
        })}
      </nav>
      <form action={basePath} className="flex flex-wrap items-end gap-2" aria-label="Custom range">
        <input type="hidden" name="range" value="custom" />
        <div>
          <label htmlFor="report-from" className="block text-xs font-medium text-slate-600">
            From
          </label>
          <input
            id="report-from"
            name="from"
            type="date"
            required
            defaultValue={range.from}
            className="mt-1 rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
          />
        </div>
        <div>
          <label htmlFor="report-to" className="block text-xs font-medium text-slate-600">
            To
          </label>
          <input
            id="report-to"
            name="to"
            type="date"
            required
            defaultValue={range.to}
            className="mt-1 rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
          />
        </div>
        <button
          type="submit"
          className={`rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ${range.preset === "custom" ? "bg-brand-50 text-brand-700 ring-brand-200" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50"}`}
        >
          Show custom range
        </button>
      </form>
      <p className="text-xs text-slate-500">Days in the shop&apos;s time zone ({timeZone}).</p>
      {range.error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {range.error} Showing the last 30 days.
        </p>
      ) : null}
    </div>
  );
}
