import type { DiagnosticStatus } from "@/lib/diagnostics/diagnostic-check";

const LOOK = {
  problem: { box: "bg-red-100 text-red-700", label: "Problem", path: "M10 5.5v5M10 14h.01" },
  warning: { box: "bg-amber-100 text-amber-800", label: "Warning", path: "M10 5.5v5M10 14h.01" },
  ok: { box: "bg-emerald-100 text-emerald-700", label: "OK", path: "M6 10.5l2.5 2.5L14 7.5" },
} as const;

/** A check's status as a small round icon with a text alternative (colour is never the only cue). */
export function StatusIcon({ status, blocked = false }: { status: DiagnosticStatus; blocked?: boolean }) {
  const look = blocked
    ? { box: "bg-slate-100 text-slate-500", label: "Waiting on another fix", path: "M7 10h6" }
    : LOOK[status];
  return (
    <span
      role="img"
      aria-label={look.label}
      className={`mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full ${look.box}`}
    >
      <svg
        viewBox="0 0 20 20"
        className="h-4 w-4"
        fill="none"
        stroke="currentColor"
        strokeWidth={2.2}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden
      >
        <path d={look.path} />
      </svg>
    </span>
  );
}
