"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useSyncExternalStore, useTransition, type ReactNode } from "react";
import { useForm, useWatch, type FieldErrors, type PathValue } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useAction } from "@/lib/actions/use-action";
import { saveUpsellStrategyAction } from "@/lib/upsell/actions";
import { discountedPrice } from "@/lib/upsell/discounted-price";
import { formatMoney } from "@/lib/upsell/format-money";
import type { UpsellIntegrations } from "@/lib/upsell/get-upsell-integrations";
import { parseHundredths } from "@/lib/upsell/hundredths";
import type { UpsellProductOption } from "@/lib/upsell/list-upsell-products";
import type { UpsellStrategyRow } from "@/lib/upsell/list-upsell-strategies";
import {
  UPSELL_DISCOUNT_TYPES,
  UPSELL_LIMITS,
  UPSELL_PLACEMENTS,
  UPSELL_PRODUCT_RULES,
} from "@/lib/upsell/upsell-labels";
import {
  upsellStrategySchema,
  type UpsellStrategyFormValues,
  type UpsellStrategyInput,
} from "@/lib/upsell/upsell-strategy-schema";
import { FormSelect } from "@/components/ui/form-select";
import { ProductPicker } from "./product-picker";

type Values = Omit<UpsellStrategyFormValues, "shopId" | "strategyId">;
type Field = keyof Values;
const FIELDS = [
  "name",
  "placement",
  "productRule",
  "productIds",
  "discountType",
  "discountValue",
  "maxOffers",
  "notifyPostscript",
  "notifyKlaviyo",
  "enabled",
] as const satisfies readonly Field[];

/** The field's message: its own, or its first item's (a product id refused inside productIds). */
function messageOf(errors: FieldErrors<UpsellStrategyFormValues>, field: Field): string | undefined {
  const error: unknown = errors[field];
  if (!error || typeof error !== "object") return undefined;
  const own = (error as { message?: unknown }).message;
  if (typeof own === "string") return own;
  for (const item of Object.values(error as Record<string, { message?: unknown } | undefined>)) {
    if (typeof item?.message === "string") return item.message;
  }
  return undefined;
}

const OFFER_COUNTS = [
  { value: "1", label: "1 product" },
  { value: "2", label: "2 products" },
  { value: "3", label: "3 products" },
] as const;

const noSubscription = () => () => {};

const inputClass =
  "block rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset focus:ring-2 focus:ring-brand-500 disabled:bg-slate-50 disabled:text-slate-500";

function initialValues(strategy: UpsellStrategyRow | null, integrations: UpsellIntegrations): Values {
  if (!strategy) {
    // A new strategy notifies the integrations the shop has connected, never one that would only skip its events.
    return {
      name: "",
      placement: "DURING_EDITING",
      productRule: "SPECIFIC_PRODUCTS",
      productIds: [],
      discountType: "PERCENTAGE",
      discountValue: "10",
      maxOffers: 3,
      notifyPostscript: integrations.postscript.connected,
      notifyKlaviyo: false,
      enabled: true,
    };
  }
  return {
    name: strategy.name,
    placement: strategy.placement,
    productRule: strategy.productRule,
    productIds: strategy.products.map((p) => p.id),
    discountType: strategy.discountType,
    discountValue: strategy.discountValue,
    maxOffers: strategy.maxOffers,
    notifyPostscript: strategy.notifyPostscript,
    notifyKlaviyo: strategy.notifyKlaviyo,
    enabled: strategy.enabled,
  };
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="mt-1.5 text-sm text-red-700">
      {message}
    </p>
  ) : null;
}

function integrationsSummary(values: Values): string {
  const names = [values.notifyPostscript ? "Postscript" : null, values.notifyKlaviyo ? "Klaviyo" : null].filter(
    Boolean,
  );
  return names.length ? `Notifies ${names.join(" and ")}` : "Notifies no integration";
}

function discountPreview(values: Values, example: string, currency: string): string | null {
  const hundredths = parseHundredths(values.discountValue);
  if (hundredths === null || hundredths === 0)
    return hundredths === 0 ? "No discount: products are offered at their regular price." : null;
  const limit = values.discountType === "PERCENTAGE" ? UPSELL_LIMITS.maxPercentage : UPSELL_LIMITS.maxFixedAmount;
  if (hundredths > limit * 100) return null;
  const priced = discountedPrice(example, values.discountType, values.discountValue);
  return priced
    ? `Example: a ${formatMoney(priced.compareAtPrice, currency)} product is offered at ${formatMoney(priced.price, currency)}.`
    : null;
}

/** Creates or edits an upsell strategy; validated with the same schema as the server, errors shown beside each field. */
export function UpsellStrategyForm({
  shopId,
  currency,
  products,
  productsTruncated,
  integrations,
  strategy,
  canWrite,
}: {
  shopId: string;
  currency: string;
  products: UpsellProductOption[];
  productsTruncated: boolean;
  integrations: UpsellIntegrations;
  strategy: UpsellStrategyRow | null;
  canWrite: boolean;
}) {
  const id = useId();
  const router = useRouter();
  // Typed or clicked before hydration, a value would not reach React's state, so the fields wait for React.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  // The server action's schema validates the form too: the same messages, beside the same fields, on both sides.
  const form = useForm<UpsellStrategyFormValues, unknown, UpsellStrategyInput>({
    resolver: zodResolver(upsellStrategySchema),
    defaultValues: {
      shopId,
      ...(strategy ? { strategyId: strategy.id } : {}),
      ...initialValues(strategy, integrations),
    },
    // Focus goes to the first field in reading order (see focusFirst), which also covers the custom controls.
    shouldFocusError: false,
  });
  const values = useWatch({ control: form.control }) as Values;
  const errors = Object.fromEntries(FIELDS.map((field) => [field, messageOf(form.formState.errors, field)])) as Partial<
    Record<Field, string>
  >;
  const [formError, setFormError] = useState<string | null>(null);
  // Read-only viewers cannot press the (disabled) toggle, so they see the integrations open.
  const [advancedOpen, setAdvancedOpen] = useState(!canWrite);
  const [navigating, startNavigation] = useTransition();
  const listHref = `/shops/${shopId}/upsells`;
  const fieldId = (field: Field) => `${id}-${field}`;
  const errorId = (field: Field) => `${id}-${field}-error`;

  const set = <K extends Field>(field: K, value: Values[K]) => {
    form.setValue(field, value as PathValue<UpsellStrategyFormValues, K>, { shouldDirty: true });
    if (form.formState.errors[field]) form.clearErrors(field);
  };

  const focusFirst = (invalid: ReadonlySet<Field>, message: string) => {
    const first = FIELDS.find((field) => invalid.has(field));
    setFormError(first ? "Check the fields marked in red." : message);
    if (!first) return;
    const target =
      first === "productIds"
        ? document.getElementById(fieldId("productIds"))?.querySelector<HTMLInputElement>("input:not([disabled])")
        : document.getElementById(
            first === "placement" ? `${fieldId("placement")}-${form.getValues("placement")}` : fieldId(first),
          );
    target?.focus();
  };

  // The saved strategy is on the list now: go there instead of refreshing this form.
  const save = useAction(saveUpsellStrategyAction, {
    refresh: false,
    onSuccess: () => startNavigation(() => router.push(listHref)),
  });

  const submit = form.handleSubmit(
    async () => {
      setFormError(null);
      // The raw values, as before: the server normalises them with the same schema.
      const result = await save.execute(form.getValues());
      if (!result || result.ok) return;
      const invalid = new Set<Field>();
      for (const [key, text] of Object.entries(result.fieldErrors ?? {})) {
        const field = key.split(".")[0] as Field;
        if (!FIELDS.includes(field as (typeof FIELDS)[number]) || invalid.has(field)) continue;
        invalid.add(field);
        form.setError(field, { type: "server", message: text });
      }
      focusFirst(invalid, result.message);
    },
    (invalid) => focusFirst(new Set(FIELDS.filter((field) => messageOf(invalid, field))), "Check the form."),
  );

  const pending = save.pending || navigating;
  const shownError = formError ?? save.error;
  const exampleProduct = products.find((p) => p.id === values.productIds[0]) ?? products.find((p) => p.minPrice);
  const preview = discountPreview(values, exampleProduct?.minPrice ?? "30.00", currency);
  const invalid = (field: Field) =>
    errors[field] ? { "aria-invalid": true as const, "aria-describedby": errorId(field) } : {};
  const ring = (field: Field) => (errors[field] ? "ring-red-400" : "ring-slate-300");

  return (
    <form
      noValidate
      onSubmit={(e) => {
        void submit(e);
      }}
      className="space-y-6"
    >
      <fieldset disabled={!canWrite || !hydrated} className="min-w-0 space-y-6">
        <Card title="Strategy">
          <div className="space-y-6">
            <div className="max-w-md">
              <label htmlFor={fieldId("name")} className="text-sm font-medium text-slate-900">
                Strategy name
              </label>
              <p id={`${fieldId("name")}-help`} className="text-sm text-slate-600">
                Only you and support see it, for example “Beanie add-on”.
              </p>
              <input
                id={fieldId("name")}
                value={values.name}
                onChange={(e) => set("name", e.target.value)}
                maxLength={UPSELL_LIMITS.nameLength + 20}
                autoComplete="off"
                className={`mt-2 w-full ${inputClass} ${ring("name")}`}
                aria-invalid={errors.name ? true : undefined}
                aria-describedby={[`${fieldId("name")}-help`, errors.name ? errorId("name") : null]
                  .filter(Boolean)
                  .join(" ")}
              />
              <FieldError id={errorId("name")} message={errors.name} />
            </div>

            <fieldset
              role="radiogroup"
              aria-describedby={errors.placement ? errorId("placement") : undefined}
              className="min-w-0"
            >
              <legend className="text-sm font-medium text-slate-900">Where it fires</legend>
              <div className="mt-2 grid gap-3 sm:grid-cols-2">
                {UPSELL_PLACEMENTS.map((option) => {
                  const optionId = `${fieldId("placement")}-${option.value}`;
                  const checked = values.placement === option.value;
                  return (
                    <div
                      key={option.value}
                      className={`flex gap-3 rounded-lg p-4 ring-1 ${checked ? "bg-brand-50 ring-2 ring-brand-500" : "bg-white ring-slate-200 hover:ring-slate-300"}`}
                    >
                      <input
                        id={optionId}
                        type="radio"
                        name={`${id}-placement`}
                        value={option.value}
                        checked={checked}
                        onChange={() => set("placement", option.value)}
                        aria-describedby={`${optionId}-description`}
                        className="mt-0.5 h-4 w-4 shrink-0 accent-brand-600"
                      />
                      <div>
                        <label htmlFor={optionId} className="text-sm font-medium text-slate-900">
                          {option.label}
                        </label>
                        <p id={`${optionId}-description`} className="mt-1 text-sm text-slate-600">
                          {option.description}
                        </p>
                      </div>
                    </div>
                  );
                })}
              </div>
              <FieldError id={errorId("placement")} message={errors.placement} />
            </fieldset>
          </div>
        </Card>

        <Card
          title="Products"
          description="Strategies are tried oldest first; the first enabled one with something to offer fires."
        >
          <div className="space-y-5">
            <div className="flex flex-wrap items-start gap-6">
              <div>
                <label
                  id={`${fieldId("productRule")}-label`}
                  htmlFor={fieldId("productRule")}
                  className="block text-sm font-medium text-slate-900"
                >
                  Products to offer
                </label>
                <div className="mt-2">
                  <FormSelect
                    id={fieldId("productRule")}
                    labelId={`${fieldId("productRule")}-label`}
                    value={values.productRule}
                    options={UPSELL_PRODUCT_RULES}
                    onChange={(rule) => set("productRule", rule)}
                    disabled={!canWrite || !hydrated}
                  />
                </div>
              </div>
              <div>
                <label
                  id={`${fieldId("maxOffers")}-label`}
                  htmlFor={fieldId("maxOffers")}
                  className="block text-sm font-medium text-slate-900"
                >
                  Offer up to
                </label>
                <div className="mt-2">
                  <FormSelect
                    id={fieldId("maxOffers")}
                    labelId={`${fieldId("maxOffers")}-label`}
                    value={String(values.maxOffers) as "1" | "2" | "3"}
                    options={OFFER_COUNTS}
                    onChange={(count) => set("maxOffers", Number(count))}
                    disabled={!canWrite || !hydrated}
                    invalid={Boolean(errors.maxOffers)}
                    describedBy={errors.maxOffers ? errorId("maxOffers") : undefined}
                    className="min-w-36"
                  />
                </div>
                <FieldError id={errorId("maxOffers")} message={errors.maxOffers} />
              </div>
            </div>

            {values.productRule === "SPECIFIC_PRODUCTS" ? (
              <div>
                <ProductPicker
                  id={fieldId("productIds")}
                  products={products}
                  selected={values.productIds}
                  onChange={(ids) => set("productIds", ids)}
                  currency={currency}
                  disabled={!canWrite || !hydrated}
                  invalid={Boolean(errors.productIds)}
                  errorId={errors.productIds ? errorId("productIds") : undefined}
                />
                <FieldError id={errorId("productIds")} message={errors.productIds} />
                {productsTruncated ? (
                  <p className="mt-2 text-xs text-slate-500">
                    Showing the first 1,000 products by title: use the filter to find others.
                  </p>
                ) : null}
                {strategy && strategy.missingProductCount > 0 ? (
                  <p className="mt-2 text-sm text-amber-800">
                    {strategy.missingProductCount === 1
                      ? "1 chosen product was"
                      : `${strategy.missingProductCount} chosen products were`}{" "}
                    deleted in Shopify and will be removed from this strategy when you save.
                  </p>
                ) : null}
              </div>
            ) : (
              <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
                {values.productRule === "SAME_VENDOR"
                  ? "Offers other products from the vendors of the products in the order (for example, more Northwind products to a Northwind buyer)."
                  : "Offers other products of the same product type as those in the order (for example, other jackets to a jacket buyer)."}{" "}
                In-stock and preorder products only, by title.
              </p>
            )}
          </div>
        </Card>

        <Card title="Discount" description="Taken off each offered product's regular price.">
          <div className="flex flex-wrap items-start gap-6">
            <div>
              <label
                id={`${fieldId("discountType")}-label`}
                htmlFor={fieldId("discountType")}
                className="block text-sm font-medium text-slate-900"
              >
                Discount type
              </label>
              <div className="mt-2">
                <FormSelect
                  id={fieldId("discountType")}
                  labelId={`${fieldId("discountType")}-label`}
                  value={values.discountType}
                  options={UPSELL_DISCOUNT_TYPES}
                  onChange={(type) => set("discountType", type)}
                  disabled={!canWrite || !hydrated}
                  className="min-w-44"
                />
              </div>
            </div>
            <div>
              <label htmlFor={fieldId("discountValue")} className="block text-sm font-medium text-slate-900">
                Discount
              </label>
              <div className="mt-2 flex items-center gap-2">
                <input
                  id={fieldId("discountValue")}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  step="0.01"
                  value={values.discountValue}
                  onChange={(e) => set("discountValue", e.target.value)}
                  className={`w-32 ${inputClass} ${ring("discountValue")}`}
                  {...invalid("discountValue")}
                />
                <span className="text-sm text-slate-600" aria-hidden>
                  {values.discountType === "PERCENTAGE" ? "%" : currency}
                </span>
              </div>
              <FieldError id={errorId("discountValue")} message={errors.discountValue} />
              <p className="mt-1.5 text-xs text-slate-500">
                {values.discountType === "PERCENTAGE"
                  ? `Up to ${UPSELL_LIMITS.maxPercentage}%. Enter 0 for no discount.`
                  : "Never takes a price below zero. Enter 0 for no discount."}
              </p>
            </div>
          </div>
          {preview ? (
            <p className="mt-4 text-sm text-slate-700" aria-live="polite">
              {preview}
            </p>
          ) : null}
        </Card>

        <Card>
          <div className="space-y-4">
            <div className="flex items-start gap-3">
              <input
                id={fieldId("enabled")}
                type="checkbox"
                checked={values.enabled}
                onChange={(e) => set("enabled", e.target.checked)}
                aria-describedby={`${fieldId("enabled")}-help`}
                className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600"
              />
              <div>
                <label htmlFor={fieldId("enabled")} className="block text-sm font-medium text-slate-900">
                  Enabled
                </label>
                <p id={`${fieldId("enabled")}-help`} className="text-sm text-slate-600">
                  A disabled strategy is kept but never offered.
                </p>
              </div>
            </div>

            <div className="border-t border-slate-100 pt-4">
              <div className="flex flex-wrap items-center gap-3">
                <button
                  type="button"
                  aria-expanded={advancedOpen}
                  aria-controls={`${id}-advanced`}
                  onClick={() => setAdvancedOpen((open) => !open)}
                  className="inline-flex items-center gap-1.5 rounded-md text-sm font-medium text-slate-900 hover:text-brand-700"
                >
                  <span aria-hidden className={`inline-block transition-transform ${advancedOpen ? "rotate-90" : ""}`}>
                    ▸
                  </span>
                  Advanced settings
                </button>
                <span className="text-sm text-slate-500">{integrationsSummary(values)}</span>
              </div>
              {values.notifyPostscript ? null : (
                <p role="status" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  {integrations.postscript.connected
                    ? "Upsell events won't reach Postscript: select Postscript in Advanced settings."
                    : "Upsell events won't reach Postscript: it isn't connected. Connect it in Postscript setup, then select it in Advanced settings."}
                </p>
              )}
              <div id={`${id}-advanced`} hidden={!advancedOpen} className="mt-4">
                <fieldset className="min-w-0">
                  <legend className="text-sm font-medium text-slate-900">Integrations to notify</legend>
                  <p className="text-sm text-slate-600">
                    Upsell events fire only for the integrations selected here: Postscript for SMS flows, Klaviyo for
                    email flows.
                  </p>
                  <div className="mt-3 space-y-3">
                    <IntegrationCheckbox
                      id={`${id}-postscript`}
                      label="Postscript"
                      checked={values.notifyPostscript}
                      onChange={(checked) => set("notifyPostscript", checked)}
                      hint={
                        integrations.postscript.connected ? (
                          "Sends Upsell Recommendations (during editing) or Upsell Offers Available (Order Status)."
                        ) : (
                          <>
                            Postscript isn&apos;t connected ({integrations.postscript.status}): events are skipped until
                            you{" "}
                            <Link
                              href={`/shops/${shopId}/postscript`}
                              className="font-medium text-brand-700 underline underline-offset-2"
                            >
                              connect it
                            </Link>
                            .
                          </>
                        )
                      }
                      warn={!integrations.postscript.connected && values.notifyPostscript}
                    />
                    <IntegrationCheckbox
                      id={`${id}-klaviyo`}
                      label="Klaviyo"
                      checked={values.notifyKlaviyo}
                      onChange={(checked) => set("notifyKlaviyo", checked)}
                      hint={
                        integrations.klaviyo.connected ? (
                          "Sends the same events to Klaviyo as metrics for email flows."
                        ) : (
                          <>
                            Klaviyo isn&apos;t connected: events are skipped until you{" "}
                            <Link
                              href={`/shops/${shopId}/integrations`}
                              className="font-medium text-brand-700 underline underline-offset-2"
                            >
                              connect it
                            </Link>
                            .
                          </>
                        )
                      }
                      warn={!integrations.klaviyo.connected && values.notifyKlaviyo}
                    />
                  </div>
                </fieldset>
              </div>
            </div>
          </div>
        </Card>
      </fieldset>

      {canWrite ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" pending={pending} disabled={!hydrated}>
            Save strategy
          </Button>
          <Link href={listHref} className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
            Cancel
          </Link>
          {shownError ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {shownError}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-slate-600">Read-only: only the shop&apos;s staff can change upsell strategies.</p>
      )}
    </form>
  );
}

function IntegrationCheckbox({
  id,
  label,
  checked,
  onChange,
  hint,
  warn,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint: ReactNode;
  warn: boolean;
}) {
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={`${id}-hint`}
        className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-900">
          {label}
        </label>
        <p id={`${id}-hint`} className={`text-sm ${warn ? "text-amber-800" : "text-slate-600"}`}>
          {hint}
        </p>
      </div>
    </div>
  );
}
