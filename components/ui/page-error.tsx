"use client";

import { Button } from "./button";

/** A route's error state: a plain apology and retry; the digest lets support find the server log line. */
export function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl bg-white p-8 shadow-sm ring-1 ring-red-200">
      <h2 className="text-lg font-semibold text-slate-900">This page could not be loaded</h2>
      <p className="mt-2 text-sm text-slate-600">
        Something went wrong on our side. Try again; if it keeps happening, contact support
        {error.digest ? (
          <>
            {" "}
            and mention reference <code className="rounded bg-slate-100 px-1">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <Button className="mt-5" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
