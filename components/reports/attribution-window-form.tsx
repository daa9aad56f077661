"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useAction } from "@/lib/actions/use-action";
import { saveAttributionWindowAction } from "@/lib/reports/actions";

/** The shop's attribution window: how many days after an alert an order of that variant counts as recovered. */
export function AttributionWindowForm({ shopId, days, canWrite }: { shopId: string; days: number; canWrite: boolean }) {
  const [value, setValue] = useState(String(days));
  const save = useAction(saveAttributionWindowAction);
  const result = save.result;
  return (
    <form
      className="flex flex-wrap items-end gap-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        void save.execute({ shopId, attributionWindowDays: value });
      }}
    >
      <div>
        <label htmlFor="attribution-window" className="block font-medium text-slate-900">
          Attribution window (days)
        </label>
        <p id="attribution-window-help" className="text-slate-600">
          An order counts as recovered when it comes this many days or fewer after the alert. Applies to orders from now
          on.
        </p>
        <input
          id="attribution-window"
          type="number"
          min={1}
          max={30}
          inputMode="numeric"
          value={value}
          disabled={!canWrite}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby="attribution-window-help"
          className="mt-2 w-24 rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 disabled:bg-slate-50"
        />
      </div>
      {canWrite ? (
        <Button type="submit" pending={save.pending}>
          Save window
        </Button>
      ) : (
        <p className="text-slate-600">Read-only.</p>
      )}
      {result?.ok ? (
        <span role="status" className="font-medium text-emerald-700">
          Saved.
        </span>
      ) : null}
      {result && !result.ok ? (
        <p role="alert" className="w-full rounded-md bg-red-50 px-3 py-2 text-red-700">
          {result.fieldErrors?.attributionWindowDays ?? result.message}
        </p>
      ) : null}
      {/* No result but an error: the action never answered (this form's own wording for it). */}
      {save.error && !result ? (
        <p role="alert" className="w-full rounded-md bg-red-50 px-3 py-2 text-red-700">
          Could not save. Check your connection and try again.
        </p>
      ) : null}
    </form>
  );
}
