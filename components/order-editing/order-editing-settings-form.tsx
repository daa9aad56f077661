"use client";

import { useState } from "react";
import { FormSelect } from "@/components/ui/form-select";
import { Button } from "@/components/ui/button";
import { useAction } from "@/lib/actions/use-action";
import { saveOrderEditingSettingsAction } from "@/lib/order-editing/actions";
import type { OrderEditingRules } from "@/lib/order-editing/get-order-editing-settings";
import { EDIT_WINDOW_CHOICES } from "@/lib/order-editing/order-editing-settings-schema";

const WINDOW_OPTIONS = [
  ...EDIT_WINDOW_CHOICES.map((c) => ({ value: String(c.minutes), label: c.label })),
  { value: "fulfilled", label: "Until the order is fulfilled" },
];

const input =
  "w-24 rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 disabled:bg-slate-50 aria-[invalid]:ring-red-400";

/** The shop's editing window, abandoned-edit delay, deadline nudge, and where editing events go. */
export function OrderEditingSettingsForm({
  shopId,
  settings,
  canWrite,
  connected,
}: {
  shopId: string;
  settings: OrderEditingRules;
  canWrite: boolean;
  connected: { postscript: boolean; klaviyo: boolean };
}) {
  const [editWindow, setEditWindow] = useState(
    settings.editUntilFulfilled ? "fulfilled" : String(settings.editWindowMinutes),
  );
  const [abandonedDelay, setAbandonedDelay] = useState(String(settings.abandonedDelayMinutes));
  const [nudge, setNudge] = useState(settings.deadlineNudgeEnabled);
  const [nudgeLead, setNudgeLead] = useState(String(settings.deadlineNudgeMinutes));
  const [postscript, setPostscript] = useState(settings.notifyPostscript);
  const [klaviyo, setKlaviyo] = useState(settings.notifyKlaviyo);
  const [notifyCustomer, setNotifyCustomer] = useState(settings.notifyCustomerOnEdit);
  const save = useAction(saveOrderEditingSettingsAction);
  const fieldError = (name: string) => save.fieldErrors[name];

  return (
    <form
      className="space-y-5 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        void save.execute({
          shopId,
          editWindow: editWindow === "fulfilled" ? "fulfilled" : Number(editWindow),
          abandonedDelayMinutes: Number(abandonedDelay),
          deadlineNudgeEnabled: nudge,
          deadlineNudgeMinutes: Number(nudgeLead),
          notifyPostscript: postscript,
          notifyKlaviyo: klaviyo,
          notifyCustomerOnEdit: notifyCustomer,
        });
      }}
    >
      <fieldset disabled={!canWrite} className="space-y-5">
        <div>
          <p id="edit-window-label" className="font-medium text-slate-900">
            Editing window
          </p>
          <p id="edit-window-help" className="text-slate-600">
            How long after checkout customers can change their order. Applies to orders placed from now on.
          </p>
          <div className="mt-2">
            <FormSelect
              id="edit-window"
              labelId="edit-window-label"
              describedBy="edit-window-help"
              value={editWindow}
              options={WINDOW_OPTIONS}
              onChange={setEditWindow}
              disabled={!canWrite}
            />
          </div>
        </div>
        <div>
          <label htmlFor="abandoned-delay" className="font-medium text-slate-900">
            Abandoned-edit delay
          </label>
          <p id="abandoned-help" className="text-slate-600">
            Send <span className="font-mono">order_editing_abandoned</span> when a customer started editing and
            hasn&apos;t saved after this many minutes (never later than the deadline).
          </p>
          <span className="mt-2 flex items-center gap-2 text-slate-700">
            <input
              id="abandoned-delay"
              type="number"
              min={5}
              max={1440}
              inputMode="numeric"
              value={abandonedDelay}
              onChange={(e) => setAbandonedDelay(e.target.value)}
              aria-describedby="abandoned-help"
              aria-invalid={fieldError("abandonedDelayMinutes") ? true : undefined}
              className={input}
            />
            minutes
          </span>
          {fieldError("abandonedDelayMinutes") ? (
            <p className="mt-1 text-red-700">{fieldError("abandonedDelayMinutes")}</p>
          ) : null}
        </div>
        <div>
          <label className="flex items-center gap-2 font-medium text-slate-900">
            <input
              type="checkbox"
              checked={nudge}
              onChange={(e) => setNudge(e.target.checked)}
              className="h-4 w-4 rounded border-slate-300"
            />
            Nudge customers before editing closes
          </label>
          <p className="text-slate-600">
            Sends <span className="font-mono">order_editing_deadline_approaching</span> to customers who haven&apos;t
            edited their order.
          </p>
          {nudge ? (
            <span className="mt-2 flex items-center gap-2 text-slate-700">
              <input
                type="number"
                min={5}
                max={1440}
                inputMode="numeric"
                value={nudgeLead}
                onChange={(e) => setNudgeLead(e.target.value)}
                aria-label="Minutes before the deadline"
                aria-invalid={fieldError("deadlineNudgeMinutes") ? true : undefined}
                className={input}
              />
              minutes before the deadline
            </span>
          ) : null}
          {fieldError("deadlineNudgeMinutes") ? (
            <p className="mt-1 text-red-700">{fieldError("deadlineNudgeMinutes")}</p>
          ) : null}
        </div>
        <div>
          <label className="flex items-center gap-2 font-medium text-slate-900">
            <input
              type="checkbox"
              checked={notifyCustomer}
              onChange={(e) => setNotifyCustomer(e.target.checked)}
              aria-describedby="notify-customer-help"
              className="h-4 w-4 rounded border-slate-300"
            />
            Shopify emails the customer when an edit is saved
          </label>
          <p id="notify-customer-help" className="text-slate-600">
            Shopify sends its own &ldquo;order updated&rdquo; notification with each saved edit, besides the Order
            Editing Saved event. Leave it off when your SMS or email flow already confirms the edit.
          </p>
        </div>
        <fieldset>
          <legend className="font-medium text-slate-900">Send editing events to</legend>
          <p className="text-slate-600">
            Started, Saved, Abandoned and Deadline Approaching. Upsell events follow each strategy&apos;s own Advanced
            settings.
          </p>
          <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
            <IntegrationCheckbox
              label="Postscript"
              checked={postscript}
              onChange={setPostscript}
              connected={connected.postscript}
            />
            <IntegrationCheckbox
              label="Klaviyo"
              checked={klaviyo}
              onChange={setKlaviyo}
              connected={connected.klaviyo}
            />
          </div>
          {!postscript && !klaviyo ? (
            <p className="mt-2 text-amber-800">With neither selected, editing moments are not sent anywhere.</p>
          ) : null}
        </fieldset>
      </fieldset>
      {canWrite ? (
        <div className="flex items-center gap-3">
          <Button type="submit" pending={save.pending}>
            Save settings
          </Button>
          {save.result?.ok ? (
            <span role="status" className="text-emerald-700">
              Saved.
            </span>
          ) : null}
          {save.error ? (
            <span role="alert" className="text-red-700">
              {save.error}
            </span>
          ) : null}
        </div>
      ) : (
        <p className="text-slate-600">Support access is read-only.</p>
      )}
    </form>
  );
}

function IntegrationCheckbox({
  label,
  checked,
  onChange,
  connected,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  connected: boolean;
}) {
  return (
    <label className="flex items-center gap-2 text-slate-800">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="h-4 w-4 rounded border-slate-300"
      />
      {label}
      {checked && !connected ? (
        <span className="text-xs text-amber-800">(not connected: events are recorded as skipped)</span>
      ) : null}
    </label>
  );
}
