"use client";

import Link from "next/link";
import { useId, useState, useSyncExternalStore } from "react";
import { Badge } from "@/components/ui/badge";
import { Spinner } from "@/components/ui/spinner";
import { useAction } from "@/lib/actions/use-action";
import type { Plan, SmsProvider } from "@/lib/generated/prisma/enums";
import { setSmsProviderAction } from "@/lib/sms-settings/actions";
import { SMS_PROVIDERS } from "@/lib/sms-settings/sms-providers";

const PROVIDER_ORDER = Object.keys(SMS_PROVIDERS) as SmsProvider[];

const noSubscription = () => () => {};

/**
 * The one "Send SMS through" choice shared by back-in-stock and preorder messages. Saves as soon as the merchant
 * picks a provider; Postscript is shown but disabled on a free plan, with the reason and the way to upgrade.
 */
export function SendSmsThroughPanel({
  shopId,
  provider,
  plan,
  canWrite,
}: {
  shopId: string;
  provider: SmsProvider;
  plan: Plan;
  canWrite: boolean;
}) {
  const id = useId();
  // Before hydration a click would check a radio without saving it, so the options wait for React.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [selected, setSelected] = useState(provider);
  // The provider the last save confirmed; the hook holds a refused or failed save's message.
  const [saved, setSaved] = useState<SmsProvider | null>(null);
  // Follow the server's value after a refresh (another tab, or a refused change) without an effect.
  const [lastProvider, setLastProvider] = useState(provider);
  if (provider !== lastProvider) {
    setLastProvider(provider);
    setSelected(provider);
  }

  // A refused change re-reads the page too: the server's provider (or plan) may be what refused it. The App Router
  // runs a page's server actions one at a time, so arrowing through the options leaves the last one chosen.
  const save = useAction(setSmsProviderAction, {
    refresh: "always",
    onSuccess: (data) => setSaved(data.provider),
    onError: () => setSelected(provider),
  });

  const choose = (next: SmsProvider) => {
    setSelected(next);
    setSaved(null);
    void save.execute({ shopId, provider: next });
  };

  const postscriptLocked = plan !== "PAID";

  return (
    <fieldset className="min-w-0" aria-describedby={`${id}-help`}>
      <legend className="text-base font-semibold text-slate-900">Send SMS through</legend>
      <p id={`${id}-help`} className="mt-1 text-sm text-slate-600">
        One setting for both back-in-stock and preorder messages. Only the provider you choose sends; switching keeps
        the other providers&apos; settings, so you can switch back at any time.
      </p>

      <div className="mt-4 grid gap-3 sm:grid-cols-3">
        {PROVIDER_ORDER.map((value) => {
          const option = SMS_PROVIDERS[value];
          const locked = value === "POSTSCRIPT" && postscriptLocked;
          const checked = selected === value;
          const optionId = `${id}-${value}`;
          return (
            <div
              key={value}
              className={`relative flex gap-3 rounded-lg p-4 ring-1 ${
                checked
                  ? "bg-brand-50 ring-2 ring-brand-500"
                  : locked
                    ? "bg-slate-50 ring-slate-200"
                    : "bg-white ring-slate-200 hover:ring-slate-300"
              }`}
            >
              <input
                id={optionId}
                type="radio"
                name={`${id}-provider`}
                value={value}
                checked={checked}
                disabled={!canWrite || locked || !hydrated}
                onChange={() => choose(value)}
                aria-describedby={`${optionId}-description${locked ? ` ${optionId}-reason` : ""}`}
                className="mt-0.5 h-4 w-4 shrink-0 accent-brand-600 disabled:cursor-not-allowed"
              />
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <label
                    htmlFor={optionId}
                    className={`text-sm font-medium ${locked ? "text-slate-500" : "text-slate-900"}`}
                  >
                    {option.label}
                  </label>
                  {value === "POSTSCRIPT" ? <Badge tone={locked ? "neutral" : "info"}>Paid plans</Badge> : null}
                </div>
                <p id={`${optionId}-description`} className="mt-1 text-sm text-slate-600">
                  {option.description}
                </p>
                {locked ? (
                  <p id={`${optionId}-reason`} className="mt-2 text-sm text-slate-700">
                    {SMS_PROVIDERS.POSTSCRIPT.paidPlanReason}{" "}
                    <Link
                      href={`/shops/${shopId}/settings#plan`}
                      className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600"
                    >
                      Upgrade plan
                    </Link>
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>

      {postscriptLocked && provider === "POSTSCRIPT" ? (
        <p role="alert" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Postscript is still selected, but your plan no longer includes it. Choose Built-in SMS or Klaviyo, or upgrade
          your plan.
        </p>
      ) : null}

      <div className="mt-2 min-h-5 text-sm" aria-live="polite">
        {save.pending ? (
          <span className="inline-flex items-center gap-2 text-slate-600">
            <Spinner label="Saving" /> Saving…
          </span>
        ) : save.error ? (
          <p role="alert" className="text-red-700">
            {save.error}
          </p>
        ) : saved ? (
          <p role="status" className="text-emerald-700">
            Saved. Back-in-stock and preorder SMS now go through {SMS_PROVIDERS[saved].label}.
          </p>
        ) : null}
      </div>

      {!canWrite ? (
        <p className="text-sm text-slate-600">Read-only: only the shop&apos;s staff can change the SMS provider.</p>
      ) : null}
    </fieldset>
  );
}
