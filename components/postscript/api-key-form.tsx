"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { connectPostscriptAction } from "@/lib/postscript-connection/actions";
import type { ConnectOutcome } from "@/lib/postscript-connection/connect-postscript";

/** Paste-and-verify form for the Private API Key; the key is masked unless the merchant chooses to show it. */
export function ApiKeyForm({
  shopId,
  replacing,
  onSaved,
}: {
  shopId: string;
  replacing: boolean;
  onSaved: (outcome: ConnectOutcome) => void;
}) {
  const router = useRouter();
  const inputId = useId();
  const [apiKey, setApiKey] = useState("");
  const [visible, setVisible] = useState(false);
  const connect = useMutation({
    mutationFn: (key: string) => connectPostscriptAction({ shopId, apiKey: key }),
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
        connect.mutate(apiKey);
      }}
    >
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
        {replacing ? "New Private API Key" : "Private API Key"}
      </label>
      <div className="flex flex-wrap gap-2">
        <div className="relative min-w-64 flex-1">
          <input
            id={inputId}
            name="apiKey"
            type={visible ? "text" : "password"}
            autoComplete="off"
            spellCheck={false}
            placeholder="sk_…"
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            aria-invalid={Boolean(error) || undefined}
            aria-describedby={`${inputId}-help`}
            className="block w-full rounded-md border-0 py-2 pl-3 pr-16 font-mono text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid]:ring-red-400"
          />
          <button
            type="button"
            onClick={() => setVisible((v) => !v)}
            aria-pressed={visible}
            className="absolute inset-y-1 right-1 rounded px-2 text-xs font-medium text-slate-600 hover:bg-slate-100"
          >
            {visible ? "Hide" : "Show"}
          </button>
        </div>
        <Button type="submit" pending={connect.isPending} disabled={!apiKey.trim()}>
          {connect.isPending ? "Verifying…" : "Save & verify"}
        </Button>
      </div>
      <p id={`${inputId}-help`} className="text-xs text-slate-500">
        We check the key with Postscript right away, store it encrypted and only ever show its last 4 characters.
      </p>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>
      ) : null}
    </form>
  );
}
