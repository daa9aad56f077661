"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { connectKlaviyoAction } from "@/lib/klaviyo-connection/actions";
import type { ConnectKlaviyoOutcome } from "@/lib/klaviyo-connection/connect-klaviyo";

/** Paste-and-verify form for a Klaviyo Private API Key; the key is masked unless the merchant shows it. */
export function KlaviyoKeyForm({ shopId, replacing, onSaved }: { shopId: string; replacing: boolean; onSaved: (outcome: ConnectKlaviyoOutcome) => void }) {
  const router = useRouter();
  const inputId = useId();
  const [apiKey, setApiKey] = useState("");
  const [visible, setVisible] = useState(false);
  const connect = useMutation({
    mutationFn: (key: string) => connectKlaviyoAction({ shopId, apiKey: key }),
    onSuccess: (result) => {
      if (result.ok) {
        setApiKey("");
        onSaved(result.data);
        router.refresh();
      }
    },
  });
  const result = connect.data;
  const error = result && !result.ok ? result.message : connect.error ? "Could not reach Signalboard. Check your connection and try again." : null;

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!connect.isPending) connect.mutate(apiKey);
      }}
    >
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
        {replacing ? "New Klaviyo Private API Key" : "Klaviyo Private API Key"}
      </label>
      <div className="flex flex-wrap gap-2">
        <div className="relative min-w-64 flex-1">
          <input
            id={inputId}
            name="apiKey"
            type={visible ? "text" : "password"}
            autoComplete="off"
            spellCheck={false}
            placeholder="pk_…"
            value={apiKey}
            readOnly={connect.isPending}
            onChange={(e) => setApiKey(e.target.value)}
            aria-invalid={Boolean(error) || undefined}
            aria-describedby={`${inputId}-help${error ? ` ${inputId}-error` : ""}`}
            className="block w-full rounded-md border-0 py-2 pl-3 pr-16 font-mono text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid]:ring-red-400"
          />
          <button
            type="button"
            onClick={() => setVisible((v) => !v)}
            aria-pressed={visible}
            aria-label={visible ? "Hide key" : "Show key"}
            className="absolute inset-y-1 right-1 rounded px-2 text-xs font-medium text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500"
          >
            {visible ? "Hide" : "Show"}
          </button>
        </div>
        <Button type="submit" pending={connect.isPending} disabled={!apiKey.trim()}>
          {connect.isPending ? "Verifying…" : "Save & verify"}
        </Button>
      </div>
      <p id={`${inputId}-help`} className="text-xs text-slate-500">
        Signalboard checks the key with Klaviyo right away, stores it encrypted and only ever shows its last 4 characters.
      </p>
      {error ? (
        <p id={`${inputId}-error`} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
