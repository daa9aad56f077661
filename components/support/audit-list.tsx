import { Badge } from "@/components/ui/badge";
import { FlowTime } from "@/components/setup/flow-time";
import type { AuditEntryView } from "@/lib/support/list-audit-entries";

const ACTOR_TONE = { SUPPORT_AGENT: "info", MERCHANT: "neutral", SYSTEM: "warning" } as const;
const ACTOR_WORD = { SUPPORT_AGENT: "support", MERCHANT: "merchant", SYSTEM: "automatic" } as const;

/** Audit entries, newest first: what was done, by whom, when, why, and the recorded details. */
export function AuditList({
  entries,
  empty,
  timeZone,
}: {
  entries: AuditEntryView[];
  empty: string;
  timeZone: string;
}) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ol className="divide-y divide-slate-100">
      {entries.map((e) => (
        <li key={e.id} className="py-3 first:pt-0 last:pb-0" data-testid="audit-entry">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm font-medium text-slate-900">{e.label}</p>
            <span className="flex items-center gap-2 text-xs text-slate-500">
              <Badge tone={ACTOR_TONE[e.actorType]}>{ACTOR_WORD[e.actorType]}</Badge>
              <FlowTime iso={e.at} timeZone={timeZone} />
            </span>
          </div>
          <p className="text-xs text-slate-600">{e.actor}</p>
          {e.reason ? (
            <p className="mt-1 text-sm text-slate-700">
              <span className="font-medium">Reason:</span> {e.reason}
            </p>
          ) : null}
          {e.details.length ? <p className="mt-1 font-mono text-xs text-slate-500">{e.details.join(" · ")}</p> : null}
        </li>
      ))}
    </ol>
  );
}
