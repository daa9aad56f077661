"use client";

import { useEffect, useState } from "react";

function describe(ms: number): string {
  const minutes = Math.max(0, Math.ceil(ms / 60_000));
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 48) return `${hours} h${rest ? ` ${rest} min` : ""}`;
  return `${Math.floor(hours / 24)} days`;
}

/** How long the customer can still edit, kept current; tells the editor when the window closes. */
export function TimeLeft({
  deadline,
  deadlineLocal,
  onClosed,
}: {
  deadline: string | null;
  deadlineLocal: string | null;
  onClosed: () => void;
}) {
  const [now, setNow] = useState<number | null>(null);
  // The clock starts after hydration (the server's time would not match the browser's), then ticks.
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 15_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  const left = deadline && now !== null ? new Date(deadline).getTime() - now : null;
  const over = left !== null && left <= 0;
  useEffect(() => {
    if (over) onClosed();
  }, [over, onClosed]);

  if (!deadline) {
    return (
      <p className="rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-900 ring-1 ring-brand-100">
        You can edit this order until it ships.
      </p>
    );
  }
  if (over) {
    return (
      <p role="alert" className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
        Editing closed at {deadlineLocal}. Changes can no longer be saved.
      </p>
    );
  }
  return (
    <p className="rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-900 ring-1 ring-brand-100">
      You can edit this order until <strong>{deadlineLocal}</strong>
      {left !== null ? <> ({describe(left)} left)</> : null}.
    </p>
  );
}
