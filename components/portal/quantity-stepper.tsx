"use client";

/** − / number / + for one line; the number can also be typed. */
export function QuantityStepper({
  label,
  value,
  min,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  onChange: (value: number) => void;
}) {
  const clamp = (n: number) => Math.max(min, Math.min(99, Number.isFinite(n) ? Math.trunc(n) : min));
  const button =
    "h-8 w-8 rounded-md text-base font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:opacity-40";
  return (
    <div className="flex items-center gap-1">
      <button
        type="button"
        className={button}
        onClick={() => onChange(clamp(value - 1))}
        disabled={value <= min}
        aria-label={`Fewer ${label}`}
      >
        −
      </button>
      <input
        type="number"
        inputMode="numeric"
        min={min}
        max={99}
        value={value}
        onChange={(e) => onChange(clamp(Number(e.target.value)))}
        aria-label={`Quantity of ${label}`}
        className="h-8 w-12 rounded-md text-center text-sm ring-1 ring-inset ring-slate-300"
      />
      <button
        type="button"
        className={button}
        onClick={() => onChange(clamp(value + 1))}
        disabled={value >= 99}
        aria-label={`More ${label}`}
      >
        +
      </button>
    </div>
  );
}
