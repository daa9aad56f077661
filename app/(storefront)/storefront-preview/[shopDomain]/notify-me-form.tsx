"use client";

import { useActionState } from "react";
import { previewSignupAction, type PreviewSignupState } from "@/lib/storefront/actions";
import { consentDisclosure } from "@/lib/storefront/consent-disclosure";

const input =
  "mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-slate-900";

/**
 * A product page's "Notify me when available" form. It posts to a server action that signs the request as
 * Shopify's app proxy would and runs the real waitlist endpoint, then shows that endpoint's message as a theme
 * would. Works before hydration too (a plain form post to the action).
 */
export function NotifyMeForm({
  shopId,
  shopName,
  variantId,
  label,
}: {
  shopId: string;
  shopName: string;
  variantId: string;
  label: string;
}) {
  const [state, action, pending] = useActionState<PreviewSignupState | null, FormData>(previewSignupAction, null);
  const values = state?.values ?? { name: "", phone: "", email: "", smsConsent: false };
  const disclosureId = `sms-consent-${variantId}`;
  return (
    <form action={action} noValidate aria-label={`Notify me: ${label}`} className="space-y-3">
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="variantId" value={variantId} />
      {/* Re-mounted per submit so a refused signup keeps what was typed (React resets a form after its action). */}
      <div key={state?.submittedAt ?? 0} className="space-y-3">
        <label className="block text-sm font-medium text-slate-700">
          Name
          <input name="name" autoComplete="name" defaultValue={values.name} className={input} placeholder="Ana Lima" />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Phone
          <input
            name="phone"
            type="tel"
            autoComplete="tel"
            defaultValue={values.phone}
            className={input}
            placeholder="(415) 555-2671"
          />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Email
          <input
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={values.email}
            className={input}
            placeholder="you@example.com"
          />
        </label>
        <label className="flex items-start gap-2 text-xs text-slate-600">
          <input
            name="smsConsent"
            type="checkbox"
            defaultChecked={values.smsConsent}
            aria-describedby={disclosureId}
            className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300"
          />
          <span>
            <span className="font-medium text-slate-800">Text me when it&apos;s back</span>{" "}
            <span id={disclosureId}>{consentDisclosure({ name: shopName })}</span>
          </span>
        </label>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-slate-900 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-slate-700 disabled:cursor-wait disabled:opacity-70"
      >
        {pending ? "Joining…" : "Notify me when available"}
      </button>
      {state ? (
        <div
          role={state.ok ? "status" : "alert"}
          className={`rounded-md px-3 py-2 text-sm ${state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}
        >
          <p>{state.message}</p>
          {state.httpStatus ? (
            <p className="mt-1 font-mono text-xs opacity-70" data-testid="proxy-status">
              App proxy answered HTTP {state.httpStatus}
            </p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
