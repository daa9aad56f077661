"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type ReactNode } from "react";
import { saveBuiltInSmsSettingsAction } from "@/lib/sms-settings/actions";
import type { SmsSettingsView } from "@/lib/sms-settings/get-sms-settings";

type Usage = { messages: number; segments: number; allowance: number; resetsOn: string; stop: string | null };

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;
const select =
  "mt-1 block rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-slate-900 disabled:opacity-60";

/**
 * Built-in SMS: who texts (Signalboard's Twilio sender, or the shop's own account in `account`), this month's
 * texts against the plan's allowance (with the stop, said plainly, once it is used up), quiet hours in each
 * recipient's time zone, and how many texts a second the sender sends.
 */
export function BuiltInSmsPanel({
  shopId,
  settings,
  usage,
  ownAccount,
  account,
  canWrite,
}: {
  shopId: string;
  settings: SmsSettingsView["builtIn"];
  usage: Usage;
  /** Whether texts go out through the shop's own Twilio account. */
  ownAccount: boolean;
  /** The shop's own Twilio account controls. */
  account: ReactNode;
  canWrite: boolean;
}) {
  const id = useId();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const percent = Math.min(100, Math.round((usage.messages / Math.max(1, usage.allowance)) * 100));

  function submit(form: FormData) {
    setNotice(null);
    startTransition(async () => {
      const result = await saveBuiltInSmsSettingsAction({
        shopId,
        quietHoursEnabled: form.get("quietHoursEnabled") === "on",
        quietStartHour: Number(form.get("quietStartHour")),
        quietEndHour: Number(form.get("quietEndHour")),
        sendPerSecond: Number(form.get("sendPerSecond")),
      });
      setNotice(
        result.ok
          ? { tone: "success", text: "Saved. New texts follow these settings." }
          : { tone: "error", text: result.message },
      );
      if (result.ok) router.refresh();
    });
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4">
      <div>
        <h3 id={`${id}-title`} className="text-base font-semibold text-slate-900">
          Built-in SMS
        </h3>
        <p className="mt-1 text-sm text-slate-600" data-testid="built-in-sms-sender">
          {ownAccount
            ? "Texts go out through your own Twilio account."
            : "Texts go out through Signalboard's Twilio sender."}{" "}
          &ldquo;Delivered&rdquo; here means the carrier confirmed the text reached the phone.
        </p>
      </div>
      <div className="space-y-2">
        <h4 className="text-sm font-semibold text-slate-900">Your own Twilio account (optional)</h4>
        <p className="text-sm text-slate-600">
          Text from your own Twilio number or Messaging Service: enter its Account SID, Auth Token and sender. Set that
          sender&apos;s incoming-message webhook to this app&apos;s <code>/api/webhooks/twilio/inbound</code> so STOP
          and HELP replies reach Signalboard. Disconnect it to go back to Signalboard&apos;s sender.
        </p>
        {account}
      </div>
      <div data-testid="sms-usage">
        <p className="text-sm text-slate-700">
          This month: <strong>{usage.messages.toLocaleString("en-US")}</strong> of{" "}
          {usage.allowance.toLocaleString("en-US")} texts ({usage.segments.toLocaleString("en-US")}{" "}
          {usage.segments === 1 ? "segment" : "segments"} billed). The count starts over on {usage.resetsOn}.
        </p>
        <div
          role="progressbar"
          aria-label="Texts used this month"
          aria-valuemin={0}
          aria-valuemax={usage.allowance}
          aria-valuenow={usage.messages}
          className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100"
        >
          <div
            className={`h-full rounded-full ${usage.stop ? "bg-red-500" : "bg-emerald-500"}`}
            style={{ width: `${percent}%` }}
          />
        </div>
        {usage.stop ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {usage.stop}
          </p>
        ) : null}
      </div>
      <form action={submit} className="space-y-3" aria-label="Built-in SMS settings">
        <input type="hidden" name="shopId" value={shopId} />
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            name="quietHoursEnabled"
            defaultChecked={settings.quietHoursEnabled}
            disabled={!canWrite}
            className="h-4 w-4 rounded border-slate-300"
          />
          Quiet hours: no texts at night in the customer&apos;s time zone (from their number, else your store&apos;s)
        </label>
        <div className="flex flex-wrap gap-4">
          <label className="text-sm font-medium text-slate-700">
            From
            <select
              name="quietStartHour"
              defaultValue={settings.quietStartHour}
              disabled={!canWrite}
              className={select}
            >
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {hh(h)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium text-slate-700">
            Until
            <select name="quietEndHour" defaultValue={settings.quietEndHour} disabled={!canWrite} className={select}>
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {hh(h)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium text-slate-700">
            Texts per second
            <input
              name="sendPerSecond"
              type="number"
              min={1}
              max={100}
              defaultValue={settings.sendPerSecond}
              disabled={!canWrite}
              className={`${select} w-24`}
            />
          </label>
        </div>
        <p className="text-xs text-slate-500">
          Texts held by quiet hours wait for the morning; they are not failed or dropped.
        </p>
        {canWrite ? (
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-slate-900 px-3 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-70"
          >
            {pending ? "Saving…" : "Save built-in SMS settings"}
          </button>
        ) : null}
        {notice ? (
          <p
            role={notice.tone === "error" ? "alert" : "status"}
            className={`text-sm ${notice.tone === "error" ? "text-red-700" : "text-emerald-800"}`}
          >
            {notice.text}
          </p>
        ) : null}
      </form>
    </section>
  );
}
