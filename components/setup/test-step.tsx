"use client";

import { useQuery } from "@tanstack/react-query";
import type { TestStage } from "@/lib/setup/get-test-stages";

type Stages = { stages: TestStage[]; done: boolean };

/**
 * Step 5: guides the end-to-end test and shows each stage as it happens (polling until the alert is delivered).
 * It turns green only on evidence: the delivery engine's record and Postscript's opt-in webhook.
 */
export function TestStep({ shopId, shopDomain, initial }: { shopId: string; shopDomain: string; initial: Stages }) {
  const status = useQuery({
    queryKey: ["test-stages", shopId],
    queryFn: async (): Promise<Stages> => {
      const response = await fetch(`/api/shops/${shopId}/setup/test-stages`, { cache: "no-store" });
      if (!response.ok) throw new Error("Could not refresh the test status.");
      return response.json();
    },
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.done ? false : 3_000),
  });
  const data = status.data;
  return (
    <div className="space-y-3 text-sm">
      <ol className="space-y-3" aria-live="polite">
        {data.stages.map((stage, i) => (
          <li key={stage.key} className="flex gap-3" data-testid={`test-stage-${stage.key}`} data-done={stage.done}>
            <span
              className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${stage.done ? "bg-emerald-500 text-white" : "bg-slate-100 text-slate-600 ring-1 ring-slate-300"}`}
              aria-hidden
            >
              {stage.done ? "✓" : i + 1}
            </span>
            <div>
              <p className="font-medium text-slate-900">
                {stage.label}
                <span className="sr-only">{stage.done ? " (done)" : " (not yet)"}</span>
              </p>
              <p className="text-slate-600">{stage.detail}</p>
            </div>
          </li>
        ))}
      </ol>
      <p className="text-xs text-slate-500">
        Try it with the{" "}
        <a
          href={`/storefront-preview/${shopDomain}`}
          target="_blank"
          rel="noreferrer"
          className="font-medium text-brand-600"
        >
          storefront preview<span className="sr-only"> (opens in a new tab)</span>
        </a>
        , or on your live store. This checkmark appears by itself once a real alert reaches a customer who replied Y to
        Postscript&apos;s opt-in text and every flow in step 4 is confirmed; if the alert does not arrive, check that
        your flow for <code>back_in_stock_sms_alert</code> is active.
      </p>
    </div>
  );
}
