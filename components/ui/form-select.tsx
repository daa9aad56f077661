"use client";

import * as Select from "@radix-ui/react-select";

/** A labelled Radix select in the house style (see the keyword picker); the label element is the caller's. */
export function FormSelect<T extends string>({
  id,
  labelId,
  value,
  options,
  onChange,
  disabled = false,
  describedBy,
  invalid = false,
  className = "min-w-64",
}: {
  id: string;
  labelId: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  disabled?: boolean;
  describedBy?: string;
  invalid?: boolean;
  className?: string;
}) {
  return (
    <Select.Root value={value} onValueChange={(next) => onChange(next as T)} disabled={disabled}>
      <Select.Trigger
        id={id}
        aria-labelledby={labelId}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        className={`inline-flex items-center justify-between gap-2 rounded-md bg-white px-3 py-2 text-sm ring-1 ring-inset hover:bg-slate-50 disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500 ${
          invalid ? "ring-red-400" : "ring-slate-300"
        } ${className}`}
      >
        <Select.Value />
        <Select.Icon className="text-slate-400" aria-hidden>
          ▾
        </Select.Icon>
      </Select.Trigger>
      <Select.Portal>
        <Select.Content
          position="popper"
          sideOffset={4}
          className="z-50 max-h-72 min-w-[var(--radix-select-trigger-width)] overflow-y-auto rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200"
        >
          <Select.Viewport>
            {options.map((option) => (
              <Select.Item
                key={option.value}
                value={option.value}
                className="cursor-pointer rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-brand-50 data-[state=checked]:font-semibold"
              >
                <Select.ItemText>{option.label}</Select.ItemText>
              </Select.Item>
            ))}
          </Select.Viewport>
        </Select.Content>
      </Select.Portal>
    </Select.Root>
  );
}
