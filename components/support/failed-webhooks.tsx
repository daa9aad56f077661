import { FlowTime } from "@/components/setup/flow-time";
import type { FailedWebhook } from "@/lib/support/list-failed-webhooks";
import { maskText } from "@/lib/support/mask-text";
import { ReplayWebhookButton } from "./replay-webhook-button";

/** Shopify webhooks that failed after every retry, each with its reason and a Replay for the agent. */
export function FailedWebhooks({
  shopId,
  webhooks,
  timeZone,
}: {
  shopId: string;
  webhooks: FailedWebhook[];
  timeZone: string;
}) {
  if (webhooks.length === 0)
    return (
      <p className="text-sm text-slate-600">
        None: every Shopify webhook received was applied or is still being retried.
      </p>
    );
  return (
    <ul className="divide-y divide-slate-100" data-testid="failed-webhooks">
      {webhooks.map((w) => (
        <li key={w.id} className="grid gap-3 py-3 first:pt-0 last:pb-0 md:grid-cols-2">
          <div className="min-w-0">
            <p className="font-mono text-sm text-slate-900">{w.topic}</p>
            <p className="text-xs text-slate-500">
              received <FlowTime iso={w.receivedAt.toISOString()} timeZone={timeZone} /> · failed{" "}
              <FlowTime iso={w.failedAt.toISOString()} timeZone={timeZone} /> after {w.attempts} attempt
              {w.attempts === 1 ? "" : "s"}
            </p>
            <p className="mt-1 break-words text-sm text-red-700">
              {w.error ? maskText(w.error) : "No reason recorded."}
            </p>
          </div>
          <ReplayWebhookButton shopId={shopId} webhookEventId={w.id} />
        </li>
      ))}
    </ul>
  );
}
