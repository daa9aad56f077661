import Link from "next/link";
import { FlowTime } from "@/components/setup/flow-time";
import type { PersonTimeline, TimelineTone } from "@/lib/diagnostics/get-person-timeline";

const DOT: Record<TimelineTone, string> = {
  ok: "bg-emerald-500",
  info: "bg-slate-400",
  warning: "bg-amber-500",
  problem: "bg-red-600",
};
const TONE_WORD: Record<TimelineTone, string> = { ok: "done", info: "", warning: "attention", problem: "problem" };

/** The answer to "why didn't X get a text?": where the chain stopped and the fix, then everything that happened. */
export function PersonTimelineView({ timeline }: { timeline: PersonTimeline }) {
  const stop = timeline.stop;
  return (
    <div className="space-y-4" data-testid="person-timeline">
      {stop ? (
        <div
          className={`rounded-lg px-4 py-3 ring-1 ${stop.tone === "problem" ? "bg-red-50 ring-red-200" : "bg-amber-50 ring-amber-200"}`}
        >
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            Where it stopped for{" "}
            <span className="normal-case" data-testid="timeline-who">
              {timeline.who}
            </span>
          </p>
          <p className={`mt-1 text-sm font-semibold ${stop.tone === "problem" ? "text-red-900" : "text-amber-900"}`}>
            {stop.title}
          </p>
          <p className="mt-1 text-sm text-slate-800">{stop.detail}</p>
          <p className="mt-2 text-sm text-slate-800">
            <span className="font-medium">Fix: </span>
            {stop.fix}{" "}
            {stop.fixHref ? (
              <Link href={stop.fixHref} className="whitespace-nowrap font-medium text-brand-600 hover:text-brand-700">
                Fix it →
              </Link>
            ) : null}
          </p>
        </div>
      ) : (
        <p className="rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
          {timeline.summary}
        </p>
      )}
      {timeline.entries.length ? (
        <ol className="relative space-y-3 border-l border-slate-200 pl-5" aria-label={`Timeline for ${timeline.who}`}>
          {timeline.entries.map((entry, i) => (
            <li key={i} className="relative">
              <span
                className={`absolute -left-[26px] top-1.5 h-2.5 w-2.5 rounded-full ring-2 ring-white ${DOT[entry.tone]}`}
                aria-hidden
              />
              <p className="text-sm font-medium text-slate-900">
                {entry.title}
                {TONE_WORD[entry.tone] ? <span className="sr-only"> ({TONE_WORD[entry.tone]})</span> : null}
              </p>
              <p className="text-sm text-slate-600">{entry.detail}</p>
              <p className="text-xs text-slate-500">
                <FlowTime iso={entry.at} timeZone={timeline.timeZone} />
              </p>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
