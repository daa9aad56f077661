"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useAction } from "@/lib/actions/use-action";
import { saveBackInStockSettingsAction } from "@/lib/back-in-stock/actions";
import type { BackInStockRules } from "@/lib/restock/get-back-in-stock-settings";

const DELAYS = [
  [60, "1 hour"],
  [180, "3 hours"],
  [360, "6 hours"],
  [720, "12 hours"],
  [1440, "24 hours"],
  [2880, "2 days"],
  [4320, "3 days"],
  [10080, "7 days"],
] as const;

const input =
  "w-28 rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 disabled:bg-slate-50";

/** The restock rules: what counts as a restock, optional batching by stock, and the reminder. */
export function RestockSettingsForm({
  shopId,
  settings,
  canWrite,
}: {
  shopId: string;
  settings: BackInStockRules;
  canWrite: boolean;
}) {
  const [threshold, setThreshold] = useState(String(settings.threshold));
  const [batching, setBatching] = useState(settings.batchPerUnit !== null);
  const [perUnit, setPerUnit] = useState(String(settings.batchPerUnit ?? 3));
  const [reminderEnabled, setReminderEnabled] = useState(settings.reminderEnabled);
  const [delay, setDelay] = useState(String(settings.reminderDelayMinutes));
  const save = useAction(saveBackInStockSettingsAction);
  const delayKnown = DELAYS.some(([minutes]) => String(minutes) === delay);

  return (
    <form
      className="space-y-5 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        void save.execute({
          shopId,
          threshold: Number(threshold),
          batchPerUnit: batching ? Number(perUnit) : null,
          reminderEnabled,
          reminderDelayMinutes: Number(delay),
        });
      }}
    >
      <fieldset disabled={!canWrite} className="space-y-5">
        <div>
          <label htmlFor="threshold" className="font-medium text-slate-900">
            Restock threshold
          </label>
          <p id="threshold-help" className="text-slate-600">
            A variant counts as restocked when its stock goes from this number or less to more than it.
          </p>
          <input
            id="threshold"
            type="number"
            min={0}
            inputMode="numeric"
            value={threshold}
            onChange={(e) => setThreshold(e.target.value)}
            aria-describedby="threshold-help"
            className={`mt-2 ${input}`}
          />
        </div>
        <div>
          <label className="flex items-center gap-2 font-medium text-slate-900">
            <input
              type="checkbox"
              checked={batching}
              onChange={(e) => setBatching(e.target.checked)}
              className="h-4 w-4 rounded border-slate-300"
            />
            Alert in batches by units in stock
          </label>
          <p className="text-slate-600">
            So a small restock doesn&apos;t send hundreds of customers to a product that sells out again. Oldest signups
            are alerted first.
          </p>
          {batching ? (
            <label className="mt-2 flex items-center gap-2 text-slate-700">
              Alert at most
              <input
                type="number"
                min={1}
                inputMode="numeric"
                value={perUnit}
                onChange={(e) => setPerUnit(e.target.value)}
                aria-label="Customers alerted per unit in stock"
                className={input}
              />
              customers per unit in stock
            </label>
          ) : null}
        </div>
        <div>
          <label className="flex items-center gap-2 font-medium text-slate-900">
            <input
              type="checkbox"
              checked={reminderEnabled}
              onChange={(e) => setReminderEnabled(e.target.checked)}
              className="h-4 w-4 rounded border-slate-300"
            />
            Send a reminder (back_in_stock_sms_reminder)
          </label>
          <p className="text-slate-600">
            Only if the variant is still in stock and the customer hasn&apos;t bought it.
          </p>
          {reminderEnabled ? (
            <label className="mt-2 flex items-center gap-2 text-slate-700">
              after
              <select
                value={delay}
                onChange={(e) => setDelay(e.target.value)}
                aria-label="Reminder delay"
                className="rounded-md border-0 py-1.5 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300"
              >
                {!delayKnown ? <option value={delay}>{delay} minutes</option> : null}
                {DELAYS.map(([minutes, label]) => (
                  <option key={minutes} value={minutes}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
      </fieldset>
      {canWrite ? (
        <div className="flex items-center gap-3">
          <Button type="submit" pending={save.pending}>
            Save restock rules
          </Button>
          {save.result?.ok ? (
            <span role="status" className="font-medium text-emerald-700">
              Saved.
            </span>
          ) : null}
        </div>
      ) : (
        <p className="text-slate-600">Read-only.</p>
      )}
      {save.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-700">
          {save.error}
        </p>
      ) : null}
    </form>
  );
}
