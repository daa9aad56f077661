/** A flow row's state: green check once its test was accepted and the flow confirmed, an empty circle before. */
export function FlowCheckMark({ done, name }: { done: boolean; name: string }) {
  return done ? (
    <span
      className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-emerald-500 text-white"
      role="img"
      aria-label={`${name} is set up`}
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
      className="h-7 w-7 shrink-0 rounded-full border-2 border-dashed border-slate-300 bg-white"
      role="img"
      aria-label={`${name} is not set up yet`}
    />
  );
}
