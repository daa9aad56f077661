const tones = {
  success: {
    box: "bg-emerald-50 ring-emerald-200",
    dot: "bg-emerald-500",
    title: "text-emerald-900",
    text: "text-emerald-800",
  },
  neutral: { box: "bg-slate-100 ring-slate-200", dot: "bg-slate-400", title: "text-slate-900", text: "text-slate-700" },
  warning: { box: "bg-amber-50 ring-amber-200", dot: "bg-amber-500", title: "text-amber-900", text: "text-amber-800" },
} as const;

export type IntegrationBanner = { status: string; title: string; detail: string; tone: keyof typeof tones };

/** A provider connection's single status line (Connected, disabled, not configured, not verified…). */
export function IntegrationStatusBanner({ banner, testId }: { banner: IntegrationBanner; testId: string }) {
  const t = tones[banner.tone];
  return (
    <div
      role="status"
      data-testid={testId}
      data-status={banner.status}
      className={`flex items-start gap-3 rounded-xl px-4 py-3 ring-1 ${t.box}`}
    >
      <span className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${t.dot}`} aria-hidden />
      <div>
        <p className={`text-sm font-semibold ${t.title}`}>{banner.title}</p>
        <p className={`text-sm ${t.text}`}>{banner.detail}</p>
      </div>
    </div>
  );
}
