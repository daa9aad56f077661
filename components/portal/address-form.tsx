"use client";

import { Button } from "@/components/ui/button";
import type { ShippingAddress } from "@/lib/order-editing/shipping-address";

const FIELDS: { key: keyof ShippingAddress; label: string; autoComplete: string; wide?: boolean }[] = [
  { key: "name", label: "Name", autoComplete: "name", wide: true },
  { key: "address1", label: "Address", autoComplete: "address-line1", wide: true },
  { key: "address2", label: "Apartment, suite, etc. (optional)", autoComplete: "address-line2", wide: true },
  { key: "city", label: "City", autoComplete: "address-level2" },
  { key: "province", label: "State / province", autoComplete: "address-level1" },
  { key: "zip", label: "ZIP / postal code", autoComplete: "postal-code" },
  { key: "country", label: "Country", autoComplete: "country-name" },
];

/** The new shipping address; the server checks it with the same schema and names the field that is wrong. */
export function AddressForm({
  value,
  errors,
  onChange,
  onCancel,
}: {
  value: ShippingAddress;
  errors?: Record<string, string>;
  onChange: (value: ShippingAddress) => void;
  onCancel: () => void;
}) {
  return (
    <div className="mt-3 grid gap-3 sm:grid-cols-2">
      {FIELDS.map((field) => {
        const error = errors?.[`shippingAddress.${field.key}`];
        const id = `address-${field.key}`;
        return (
          <label key={field.key} htmlFor={id} className={`text-sm ${field.wide ? "sm:col-span-2" : ""}`}>
            <span className="font-medium text-slate-800">{field.label}</span>
            <input
              id={id}
              value={value[field.key]}
              autoComplete={field.autoComplete}
              onChange={(e) => onChange({ ...value, [field.key]: e.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              className="mt-1 block w-full rounded-md px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 aria-[invalid]:ring-red-400"
            />
            {error ? (
              <span id={`${id}-error`} className="mt-1 block text-xs text-red-700">
                {error}
              </span>
            ) : null}
          </label>
        );
      })}
      <div className="sm:col-span-2">
        <Button variant="ghost" onClick={onCancel}>
          Keep the current address
        </Button>
      </div>
    </div>
  );
}
