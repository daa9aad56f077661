"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action-result";
import { useAction } from "@/lib/actions/use-action";

/** A non-secret field sent with the key (Twilio's Account SID and sender), shown as typed. */
export type IntegrationKeyFormField = { name: string; label: string; placeholder: string };

/** What the key form says for one provider. */
export type IntegrationKeyFormText = {
  /** "Private API Key"; "New …" is put in front while replacing a key. */
  label: string;
  placeholder: string;
  help: string;
  /** Fields before the key, for providers whose key alone is not enough. */
  fields?: IntegrationKeyFormField[];
};

/**
 * Paste-and-verify form for a provider's secret key (and the fields that go with it); the key is masked unless
 * the merchant chooses to show it.
 */
export function IntegrationKeyForm<Outcome>({
  text,
  replacing,
  connect,
  onSaved,
}: {
  text: IntegrationKeyFormText;
  replacing: boolean;
  connect: (apiKey: string, fields: Record<string, string>) => Promise<ActionResult<Outcome>>;
  onSaved: (outcome: Outcome) => void;
}) {
  const inputId = useId();
  const [apiKey, setApiKey] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [visible, setVisible] = useState(false);
  const save = useAction(
    (input: { apiKey: string; fields: Record<string, string> }) => connect(input.apiKey, input.fields),
    {
      onSuccess: (outcome) => {
        setApiKey("");
        onSaved(outcome);
      },
    },
  );
  const error = save.error;
  const filled = Boolean(apiKey.trim()) && (text.fields ?? []).every((field) => fields[field.name]?.trim());

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!save.pending) void save.execute({ apiKey, fields });
      }}
    >
      {text.fields?.map((field) => (
        <label key={field.name} className="block text-sm font-medium text-slate-700">
          {field.label}
          <input
            name={field.name}
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder={field.placeholder}
            value={fields[field.name] ?? ""}
            readOnly={save.pending}
            onChange={(e) => setFields((current) => ({ ...current, [field.name]: e.target.value }))}
            className="mt-1 block w-full max-w-md rounded-md border-0 px-3 py-2 font-mono text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
          />
        </label>
      ))}
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
        {replacing ? `New ${text.label}` : text.label}
      </label>
      <div className="flex flex-wrap gap-2">
        <div className="relative min-w-64 flex-1">
          <input
            id={inputId}
            name="apiKey"
            type={visible ? "text" : "password"}
            autoComplete="off"
            spellCheck={false}
            placeholder={text.placeholder}
            value={apiKey}
            readOnly={save.pending}
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
        <Button type="submit" pending={save.pending} disabled={!filled}>
          {save.pending ? "Verifying…" : "Save & verify"}
        </Button>
      </div>
      <p id={`${inputId}-help`} className="text-xs text-slate-500">
        {text.help}
      </p>
      {error ? (
        <p id={`${inputId}-error`} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
