import { Spinner } from "./spinner";

/** A route's loading state while its server component renders. */
export function PageLoading() {
  return (
    <div className="flex items-center gap-3 py-16 text-sm text-slate-600">
      <Spinner label="Loading page" />
      Loading…
    </div>
  );
}
