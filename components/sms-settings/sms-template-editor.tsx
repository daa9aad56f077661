"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useId, useLayoutEffect, useRef } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { useAction } from "@/lib/actions/use-action";
import type { SmsProvider } from "@/lib/generated/prisma/enums";
import { saveSmsTemplateAction } from "@/lib/sms-settings/actions";
import { fillMergeTags } from "@/lib/sms-settings/fill-merge-tags";
import { measureSms } from "@/lib/sms-settings/measure-sms";
import { saveSmsTemplateSchema, type SaveSmsTemplateInput } from "@/lib/sms-settings/schemas";
import { SMS_TEMPLATE_MAX_LENGTH, SMS_TEMPLATES, type SmsTemplateKind } from "@/lib/sms-settings/sms-templates";

const number = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, one: string, many: string) => `${number(n)} ${n === 1 ? one : many}`;

/**
 * One built-in SMS message: text with merge tags, live character and segment count, Save. When Klaviyo or
 * Postscript sends instead, it says where the message is written and keeps the built-in text folded away.
 */
export function SmsTemplateEditor({
  shopId,
  kind,
  text,
  provider,
  canWrite,
}: {
  shopId: string;
  kind: SmsTemplateKind;
  text: string;
  provider: SmsProvider;
  canWrite: boolean;
}) {
  const template = SMS_TEMPLATES[kind];
  const id = useId();
  const headingId = `${id}-heading`;

  return (
    <section aria-labelledby={headingId} className="space-y-3" data-testid={`sms-template-${kind}`}>
      <div>
        <h3 id={headingId} className="text-sm font-semibold text-slate-900">
          {template.label}
        </h3>
        <p className="mt-0.5 text-sm text-slate-600">{template.description}</p>
      </div>
      {provider === "BUILT_IN" ? (
        <BuiltInEditor shopId={shopId} kind={kind} text={text} canWrite={canWrite} />
      ) : (
        <ManagedElsewhere shopId={shopId} kind={kind} text={text} provider={provider} />
      )}
    </section>
  );
}

function ManagedElsewhere({
  shopId,
  kind,
  text,
  provider,
}: {
  shopId: string;
  kind: SmsTemplateKind;
  text: string;
  provider: "KLAVIYO" | "POSTSCRIPT";
}) {
  const { eventType } = SMS_TEMPLATES[kind];
  const event = <code className="rounded bg-white/70 px-1 font-mono text-xs">{eventType}</code>;
  return (
    <div className="space-y-2">
      <div role="note" className="rounded-lg bg-sky-50 px-4 py-3 text-sm text-sky-900 ring-1 ring-sky-200">
        {provider === "POSTSCRIPT" ? (
          <>
            <p className="font-medium">Content is managed in Postscript&apos;s flow builder.</p>
            <p className="mt-1">
              Postscript sends this message: write its text in the Postscript flow triggered by {event}. The built-in
              text below is not used while Postscript is selected.
            </p>
            <Link
              href={`/shops/${shopId}/postscript#flows`}
              className="mt-2 inline-block font-medium text-sky-900 underline underline-offset-2 hover:text-sky-700"
            >
              Set up the flow in Postscript setup →
            </Link>
          </>
        ) : (
          <>
            <p className="font-medium">Content is managed in your Klaviyo flows.</p>
            <p className="mt-1">
              Klaviyo sends this message: write its text in the Klaviyo flow triggered by the {event} event. The
              built-in text below is not used while Klaviyo is selected.
            </p>
            <Link
              href={`/shops/${shopId}/integrations`}
              className="mt-2 inline-block font-medium text-sky-900 underline underline-offset-2 hover:text-sky-700"
            >
              Connect Klaviyo in Integrations →
            </Link>
          </>
        )}
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600 hover:text-slate-900">
          Built-in SMS text (kept for when you switch back)
        </summary>
        <p className="mt-2 whitespace-pre-wrap rounded-md bg-slate-50 px-3 py-2 text-slate-700 ring-1 ring-slate-200">
          {text}
        </p>
      </details>
    </div>
  );
}

function BuiltInEditor({
  shopId,
  kind,
  text,
  canWrite,
}: {
  shopId: string;
  kind: SmsTemplateKind;
  text: string;
  canWrite: boolean;
}) {
  const template = SMS_TEMPLATES[kind];
  const id = useId();
  const textareaRef = useRef<HTMLTextAreaElement | null>(null);
  const caretAfterInsert = useRef<number | null>(null);
  // The action's own schema validates the form, so the merchant reads the same message before and after a round trip.
  const form = useForm<z.input<typeof saveSmsTemplateSchema>, unknown, SaveSmsTemplateInput>({
    resolver: zodResolver(saveSmsTemplateSchema),
    // The server's text after a refresh replaces the field, unless the merchant is in the middle of editing it.
    values: { shopId, kind, text },
    resetOptions: { keepDirtyValues: true },
  });
  const draft = useWatch({ control: form.control, name: "text" }) ?? "";
  const save = useAction(saveSmsTemplateAction, {
    // The saved (trimmed) text becomes the form's baseline: nothing is unsaved any more.
    onSuccess: (data) => form.reset({ shopId, kind, text: data.text }),
  });
  const { ref: registerTextarea, onChange: onTextChange, ...textField } = form.register("text");

  useLayoutEffect(() => {
    const caret = caretAfterInsert.current;
    if (caret === null || !textareaRef.current) return;
    caretAfterInsert.current = null;
    textareaRef.current.focus();
    textareaRef.current.setSelectionRange(caret, caret);
  }, [draft]);

  // Any edit makes the last save's "Saved." or server error out of date.
  const edited = () => {
    if (save.result) save.reset();
  };

  const insertTag = (name: string) => {
    const el = textareaRef.current;
    const token = `{{${name}}}`;
    const start = el?.selectionStart ?? draft.length;
    const end = el?.selectionEnd ?? draft.length;
    caretAfterInsert.current = start + token.length;
    form.setValue("text", draft.slice(0, start) + token + draft.slice(end), {
      shouldDirty: true,
      shouldValidate: form.formState.isSubmitted,
    });
    edited();
  };

  const submit = form.handleSubmit(async (values) => {
    const result = await save.execute(values);
    if (result && !result.ok && result.fieldErrors?.text) form.setError("text", { message: result.fieldErrors.text });
  });

  const preview = fillMergeTags(draft, Object.fromEntries(template.mergeTags.map((t) => [t.name, t.sample])));
  const measured = measureSms(preview);
  const dirty = form.formState.isDirty;
  const error = form.formState.errors.text?.message ?? save.error;

  return (
    <div className="space-y-3">
      <div>
        <label htmlFor={`${id}-text`} className="block text-sm font-medium text-slate-700">
          Message text
        </label>
        <textarea
          id={`${id}-text`}
          {...textField}
          // In the server's HTML too: without it the box is empty until hydration while the counts below say 106.
          defaultValue={text}
          ref={(el) => {
            registerTextarea(el);
            textareaRef.current = el;
          }}
          rows={4}
          readOnly={!canWrite}
          onChange={(e) => {
            edited();
            return onTextChange(e);
          }}
          aria-invalid={Boolean(error) || undefined}
          aria-describedby={`${id}-counts${error ? ` ${id}-error` : ""}`}
          className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 read-only:bg-slate-50 focus:ring-2 focus:ring-brand-500 aria-[invalid]:ring-red-400"
        />
        <p
          id={`${id}-counts`}
          className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600"
          data-testid="sms-counts"
        >
          <span className={draft.length > SMS_TEMPLATE_MAX_LENGTH ? "font-medium text-red-700" : undefined}>
            {number(draft.length)} / {number(SMS_TEMPLATE_MAX_LENGTH)} characters
          </span>
          <span>
            With sample values: {plural(measured.characters, "character", "characters")},{" "}
            <strong className="font-semibold text-slate-800">{plural(measured.segments, "segment", "segments")}</strong>
            , {measured.encoding}
          </span>
        </p>
        {measured.encoding === "UCS-2" ? (
          <p className="mt-1 text-xs text-amber-800">
            {measured.nonGsmCharacters.join(" ")} {measured.nonGsmCharacters.length === 1 ? "switches" : "switch"} the
            message to UCS-2, which fits 70 characters per segment instead of 160. Replace{" "}
            {measured.nonGsmCharacters.length === 1 ? "it" : "them"} to send fewer segments.
          </p>
        ) : null}
      </div>

      {canWrite ? (
        <div>
          <p className="text-xs font-medium text-slate-600">Insert a merge tag at the cursor</p>
          <div className="mt-1 flex flex-wrap gap-1.5">
            {template.mergeTags.map((tag) => (
              <button
                key={tag.name}
                type="button"
                onClick={() => insertTag(tag.name)}
                title={tag.description}
                aria-label={`Insert {{${tag.name}}}: ${tag.description}`}
                className="rounded bg-slate-100 px-2 py-1 font-mono text-xs text-slate-700 ring-1 ring-inset ring-slate-200 hover:bg-brand-50 hover:text-brand-700"
              >
                {`{{${tag.name}}}`}
              </button>
            ))}
          </div>
        </div>
      ) : null}

      <div>
        <p className="text-xs font-medium text-slate-600">Preview with sample values</p>
        <p
          className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800 ring-1 ring-slate-200"
          data-testid="sms-preview"
        >
          {preview || <span className="text-slate-500">Nothing to send yet.</span>}
        </p>
      </div>

      {canWrite ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={() => void submit()} pending={save.pending} disabled={!dirty}>
            {save.pending ? "Saving…" : "Save message"}
          </Button>
          {draft !== template.defaultText ? (
            <Button
              variant="ghost"
              onClick={() => {
                form.setValue("text", template.defaultText, {
                  shouldDirty: true,
                  shouldValidate: form.formState.isSubmitted,
                });
                edited();
              }}
            >
              Use the default text
            </Button>
          ) : null}
          <span aria-live="polite" className="text-sm">
            {save.result?.ok && !dirty ? (
              <span role="status" className="text-emerald-700">
                Saved.
              </span>
            ) : dirty ? (
              <span className="text-slate-500">Unsaved changes</span>
            ) : null}
          </span>
        </div>
      ) : (
        <p className="text-sm text-slate-600">Read-only: only the shop&apos;s staff can change this message.</p>
      )}
      {error ? (
        <p id={`${id}-error`} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
