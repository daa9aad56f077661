/** A step's state: a green check when done, a numbered circle otherwise. */
export function CheckMark({ done, step }: { done: boolean; step: number }) {
  return done ? (
    <span
      className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-emerald-500 text-white"
      role="img"
      aria-label={`Step ${step} complete`}
    >
      <svg viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4" aria-hidden>
        <path
          fillRule="evenodd"
          d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z"
          clipRule="evenodd"
        />
      </svg>
    </span>
  ) : (
    <span
      className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-white text-sm font-semibold text-slate-600 ring-1 ring-slate-300"
      role="img"
      aria-label={`Step ${step} not done yet`}
    >
      {step}
    </span>
  );
}
