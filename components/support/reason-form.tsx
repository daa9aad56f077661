"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * A support action behind a button: opening it asks for the reason (recorded in the audit log with the agent,
 * shop and time), then runs the action. Escape or Cancel closes it; focus moves into the form and back.
 */
export function ReasonForm({
  label,
  confirmLabel,
  pendingLabel,
  description,
  pending,
  error,
  onSubmit,
  variant = "secondary",
  disabled = false,
  disabledReason,
  name,
}: {
  label: string;
  /** A fuller accessible name when several such buttons share a page (e.g. one per event type). */
  name?: string;
  confirmLabel: string;
  pendingLabel: string;
  description?: ReactNode;
  pending: boolean;
  error: string | null;
  onSubmit: (reason: string) => void;
  variant?: "primary" | "secondary";
  disabled?: boolean;
  disabledReason?: string;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [touched, setTouched] = useState(false);
  // Focus follows the form: into the reason when it opens, back to the button when it closes.
  useEffect(() => {
    if (open) textarea.current?.focus();
    else if (touched) document.getElementById(`${id}-open`)?.focus();
  }, [open, touched, id]);
  const close = () => {
    setOpen(false);
    setReason("");
  };

  if (!open) {
    return (
      <div className="space-y-1">
        <Button
          id={`${id}-open`}
          aria-label={name}
          variant={variant}
          onClick={() => {
            setTouched(true);
            setOpen(true);
          }}
          disabled={disabled}
          aria-describedby={disabledReason ? `${id}-why` : undefined}
        >
          {label}
        </Button>
        {disabled && disabledReason ? (
          <p id={`${id}-why`} className="text-xs text-slate-500">
            {disabledReason}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <form
      className="w-full max-w-md space-y-2 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(reason);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape" && !pending) close();
      }}
      aria-label={name ?? label}
    >
      {description ? <div className="text-sm text-slate-700">{description}</div> : null}
      <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-800">
        Reason <span className="font-normal text-slate-500">(recorded in the audit log)</span>
      </label>
      <textarea
        ref={textarea}
        id={`${id}-reason`}
        name="reason"
        rows={2}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder="Ticket number and what the merchant or customer reported"
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid]:ring-red-400"
      />
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        At least 5 characters, for example the ticket number.
      </p>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" pending={pending} disabled={reason.trim().length < 5}>
          {pending ? pendingLabel : confirmLabel}
        </Button>
        <Button type="button" variant="ghost" onClick={close} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
