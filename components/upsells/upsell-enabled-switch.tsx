"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { setUpsellStrategyEnabledAction } from "@/lib/upsell/actions";

/** A toggle button (aria-pressed) that enables or disables one strategy, showing the new state at once. */
export function UpsellEnabledSwitch({ shopId, strategyId, name, enabled, canWrite }: { shopId: string; strategyId: string; name: string; enabled: boolean; canWrite: boolean }) {
  const router = useRouter();
  const [shown, setShown] = useState(enabled);
  const [error, setError] = useState<string | null>(null);
  // Follow the server's value after a refresh without an effect.
  const [lastEnabled, setLastEnabled] = useState(enabled);
  if (enabled !== lastEnabled) {
    setLastEnabled(enabled);
    setShown(enabled);
  }
  const toggle = useMutation({
    mutationFn: (next: boolean) => setUpsellStrategyEnabledAction({ shopId, strategyId, enabled: next }),
    onSuccess: (result) => {
      if (result.ok) {
        setError(null);
        router.refresh();
      } else {
        setShown(enabled);
        setError(result.message);
      }
    },
    onError: () => {
      setShown(enabled);
      setError("Could not reach Signalboard. Check your connection and try again.");
    },
  });

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        <span className={`text-sm font-medium ${shown ? "text-emerald-700" : "text-slate-500"}`} aria-hidden>{shown ? "Enabled" : "Disabled"}</span>
        <button
          type="button"
          aria-pressed={shown}
          aria-label={`Enable ${name}`}
          disabled={!canWrite || toggle.isPending}
          onClick={() => {
            setShown(!shown);
            setError(null);
            toggle.mutate(!shown);
          }}
          className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-60 ${
            shown ? "bg-brand-600" : "bg-slate-300"
          }`}
        >
          <span aria-hidden className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${shown ? "translate-x-5" : "translate-x-0.5"}`} />
        </button>
      </div>
      {error ? <p role="alert" className="max-w-64 text-right text-xs text-red-700">{error}</p> : null}
    </div>
  );
}
