"use client";

import { useState } from "react";
import { useAction } from "@/lib/actions/use-action";
import { setUpsellStrategyEnabledAction } from "@/lib/upsell/actions";

/** A toggle button (aria-pressed) that enables or disables one strategy, showing the new state at once. */
export function UpsellEnabledSwitch({
  shopId,
  strategyId,
  name,
  enabled,
  canWrite,
}: {
  shopId: string;
  strategyId: string;
  name: string;
  enabled: boolean;
  canWrite: boolean;
}) {
  const [shown, setShown] = useState(enabled);
  // Follow the server's value after a refresh without an effect.
  const [lastEnabled, setLastEnabled] = useState(enabled);
  if (enabled !== lastEnabled) {
    setLastEnabled(enabled);
    setShown(enabled);
  }
  // A refused or failed toggle puts the switch back to the server's value; the hook holds the message.
  const toggle = useAction(setUpsellStrategyEnabledAction, { onError: () => setShown(enabled) });

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        <span className={`text-sm font-medium ${shown ? "text-emerald-700" : "text-slate-500"}`} aria-hidden>
          {shown ? "Enabled" : "Disabled"}
        </span>
        <button
          type="button"
          aria-pressed={shown}
          aria-label={`Enable ${name}`}
          disabled={!canWrite || toggle.pending}
          onClick={() => {
            setShown(!shown);
            void toggle.execute({ shopId, strategyId, enabled: !shown });
          }}
          className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-60 ${
            shown ? "bg-brand-600" : "bg-slate-300"
          }`}
        >
          <span
            aria-hidden
            className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${shown ? "translate-x-5" : "translate-x-0.5"}`}
          />
        </button>
      </div>
      {toggle.error ? (
        <p role="alert" className="max-w-64 text-right text-xs text-red-700">
          {toggle.error}
        </p>
      ) : null}
    </div>
  );
}
