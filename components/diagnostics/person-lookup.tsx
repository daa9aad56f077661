"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useAction } from "@/lib/actions/use-action";
import { lookupPersonAction } from "@/lib/diagnostics/actions";
import { PersonTimelineView } from "./person-timeline-view";

/**
 * "Why didn't a customer get a text?": enter a phone or email, get everything Signalboard did for that person and
 * the first reason the chain stopped. Sent as a POST (server action), so the number never lands in a URL.
 */
export function PersonLookup({ shopId }: { shopId: string }) {
  const inputId = useId();
  const [query, setQuery] = useState("");
  // A lookup reads and changes nothing: no page refresh.
  const lookup = useAction(lookupPersonAction, { refresh: false });
  const error = lookup.error;
  return (
    <Card
      title="Why didn't a customer get a text?"
      description="Enter the customer's phone number or email to see every step Signalboard took for them."
    >
      <form
        role="search"
        className="flex flex-wrap items-start gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void lookup.execute({ shopId, query });
        }}
      >
        <label htmlFor={inputId} className="sr-only">
          Customer phone or email
        </label>
        <input
          id={inputId}
          name="query"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          placeholder="(415) 555-2671 or jamie@example.com"
          aria-invalid={Boolean(error) || undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          className="min-w-64 flex-1 rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid]:ring-red-400"
        />
        <Button type="submit" variant="secondary" pending={lookup.pending} disabled={!query.trim()}>
          {lookup.pending ? "Looking…" : "Look up"}
        </Button>
      </form>
      {error ? (
        <p id={`${inputId}-error`} role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div aria-live="polite" className={lookup.data ? "mt-4" : ""}>
        {lookup.data ? <PersonTimelineView timeline={lookup.data} /> : null}
      </div>
    </Card>
  );
}
