"use client";

import { formatCalendarDay } from "@/lib/format/format-calendar-day";
import { cachedNumberFormat } from "@/lib/reports/cached-number-format";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type ChartSeries = { key: string; label: string; color: string };

type Props = {
  kind: "bar" | "stacked-bar" | "line" | "horizontal-bar";
  data: Record<string, string | number | null>[];
  /** The category of each point: a day (YYYY-MM-DD) or a name. */
  xKey: string;
  series: ChartSeries[];
  /** What the chart shows, for screen readers (the table beneath holds the figures). */
  label: string;
  /** Formats values on the axis and in the tooltip (money, counts). */
  valueFormat?: "int" | "money";
  currency?: string;
};

// "2026-12-06" → "Dec 6": the day is already the shop's, so it is formatted as a plain calendar date (UTC).
const dayLabel = (value: unknown) => {
  const text = String(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatCalendarDay(text) : text;
};

/** One Recharts chart of report figures; the same figures are in an accessible table right below it. */
export function ReportChart({ kind, data, xKey, series, label, valueFormat = "int", currency = "USD" }: Props) {
  const numbers = cachedNumberFormat(valueFormat === "money" ? currency : null, true);
  const format = (value: unknown) => {
    const n = Number(value);
    if (!Number.isFinite(n)) return String(value);
    return numbers?.format(n) ?? `${n.toFixed(0)} ${currency}`;
  };
  const grid = <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />;
  const tooltip = <Tooltip formatter={(value) => format(value)} labelFormatter={dayLabel} />;
  const legend = series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} /> : null;
  const tick = { fontSize: 12, fill: "#475569" };
  const height = kind === "horizontal-bar" ? Math.max(160, data.length * 32 + 40) : 240;

  return (
    <figure role="img" aria-label={label} className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        {kind === "line" ? (
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            {grid}
            <XAxis dataKey={xKey} tickFormatter={dayLabel} tick={tick} minTickGap={16} />
            <YAxis tickFormatter={format} tick={tick} allowDecimals={false} width={64} />
            {tooltip}
            {legend}
            {series.map((s) => (
              <Line
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.label}
                stroke={s.color}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        ) : kind === "horizontal-bar" ? (
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
            <XAxis type="number" tickFormatter={format} tick={tick} allowDecimals={false} />
            <YAxis type="category" dataKey={xKey} tick={tick} width={200} />
            {tooltip}
            {legend}
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        ) : (
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            {grid}
            <XAxis dataKey={xKey} tickFormatter={dayLabel} tick={tick} minTickGap={16} />
            <YAxis tickFormatter={format} tick={tick} allowDecimals={false} width={64} />
            {tooltip}
            {legend}
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                fill={s.color}
                stackId={kind === "stacked-bar" ? "all" : undefined}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}
