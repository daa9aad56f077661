import Link from "next/link";
import { FlowTime } from "@/components/setup/flow-time";
import type { DeliveryHealth, DeliveryHealthItem } from "@/lib/diagnostics/get-delivery-health";
import { StatusIcon } from "./status-icon";

const BOX = {
  problem: "bg-red-50 ring-red-200",
  warning: "bg-amber-50 ring-amber-200",
  info: "bg-white ring-slate-200",
} as const;

const HEADLINE = {
  problem: "Not every text is going out",
  warning: "Some texts are late",
  info: "Sending normally",
} as const;

function Item({ item, timeZone }: { item: DeliveryHealthItem; timeZone: string }) {
  return (
    <li
      className="flex gap-3 py-3 first:pt-0 last:pb-0"
      data-testid={`delivery-health-${item.kind}`}
      data-count={item.count}
    >
      <StatusIcon status={item.tone === "info" ? "ok" : item.tone} />
      <div className="min-w-0 flex-1 space-y-1 text-sm">
        <p className="font-semibold text-slate-900">
          {item.title}{" "}
          <span className="font-normal text-slate-600">
            (since <FlowTime iso={item.since} timeZone={timeZone} />)
          </span>
        </p>
        {item.latestAnswer ? (
          <p className="break-words text-slate-700">
            <span className="font-medium">Latest answer:</span> {item.latestAnswer}
          </p>
        ) : null}
        <p className="text-slate-700">
          <span className="font-medium text-slate-900">Fix: </span>
          {item.fix}{" "}
          <Link href={item.fixHref} className="whitespace-nowrap font-medium text-brand-600 hover:text-brand-700">
            See them<span className="sr-only">: {item.title}</span> →
          </Link>
        </p>
      </div>
    </li>
  );
}

/**
 * The Overview's sending line, read from the ledger: failed, unconfirmed, held, paused, retrying and skipped
 * events with how many, since when, the latest answer and the fix. Renders nothing when every recent event was
 * delivered or is on its way on time; skipped-only is shown quietly, since skips are deliberate.
 */
export function DeliveryHealthBanner({ health }: { health: DeliveryHealth }) {
  if (health.items.length === 0) return null;
  const tone = health.tone === "ok" ? "info" : health.tone;
  return (
    <section
      role={tone === "problem" ? "alert" : undefined}
      aria-labelledby="delivery-health-title"
      data-testid="delivery-health"
      data-tone={tone}
      className={`rounded-xl px-4 py-3 ring-1 ${BOX[tone]}`}
    >
      <h2 id="delivery-health-title" className="mb-2 text-sm font-semibold text-slate-900">
        {HEADLINE[tone]}
      </h2>
      <ul className="divide-y divide-slate-200/70">
        {health.items.map((item) => (
          <Item key={item.kind} item={item} timeZone={health.timeZone} />
        ))}
      </ul>
    </section>
  );
}
