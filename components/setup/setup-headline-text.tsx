import type { SetupHeadline } from "@/lib/setup/get-setup-progress";

const TONES = {
  success: "text-emerald-800",
  warning: "font-medium text-amber-800",
  neutral: "text-slate-700",
} as const;

/** The setup headline, worded and coloured the same on every page that shows it. */
export function SetupHeadlineText({ headline }: { headline: SetupHeadline }) {
  return (
    // A span, so it can sit inside a card's description paragraph too.
    <span className={`block text-sm ${TONES[headline.tone]}`} aria-live="polite">
      {headline.text}
    </span>
  );
}
