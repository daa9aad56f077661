"use client";

import * as Select from "@radix-ui/react-select";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useAction } from "@/lib/actions/use-action";
import type { ChosenKeyword } from "@/lib/setup/check-chosen-keyword";
import { saveKeywordAction } from "@/lib/setup/keyword-actions";
import type { KeywordOption } from "@/lib/setup/list-shop-keywords";

class KeywordsError extends Error {}

async function fetchKeywords(shopId: string, refresh: boolean): Promise<KeywordOption[]> {
  const response = await fetch(`/api/shops/${shopId}/postscript/keywords${refresh ? "?refresh=1" : ""}`, {
    cache: "no-store",
  });
  const body = (await response.json().catch(() => null)) as {
    keywords?: KeywordOption[];
    error?: { message: string };
  } | null;
  if (!response.ok || !body?.keywords)
    throw new KeywordsError(body?.error?.message ?? "Could not load your keywords from Postscript.");
  return body.keywords;
}

/** Step 3: pick the Postscript keyword waitlist signups join; saves as soon as one is chosen. */
export function KeywordStep({
  shopId,
  chosen,
  connected,
  canWrite,
}: {
  shopId: string;
  chosen: ChosenKeyword;
  connected: boolean;
  canWrite: boolean;
}) {
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  // The choice shows at once; the server's value (after the refresh) only takes over when no choice is pending.
  const [picked, setPicked] = useState<string | null>(null);
  // Opening the page shows the stored list; only Refresh asks Postscript.
  const refreshNext = useRef(false);
  const keywords = useQuery({
    queryKey: ["postscript-keywords", shopId],
    queryFn: () => {
      const refresh = refreshNext.current;
      refreshNext.current = false;
      return fetchKeywords(shopId, refresh);
    },
    enabled: connected,
    retry: false,
  });
  const save = useAction(saveKeywordAction, {
    onSuccess: (data) => setSaved(data.keyword),
    onError: () => setPicked(null),
  });
  const saveError = save.error;
  const current = picked ?? (chosen.state === "none" ? undefined : chosen.keywordId);

  if (!connected) {
    return (
      <p className="text-sm text-slate-600">
        Connect and verify your Postscript key first; your keywords then appear here.
      </p>
    );
  }

  return (
    <div className="space-y-3">
      {chosen.state === "missing" ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The keyword <strong>{chosen.keyword}</strong> no longer exists in Postscript, so new signups cannot be
          subscribed. Choose another keyword.
        </p>
      ) : null}
      {chosen.state === "unknown" ? (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          Saved keyword <strong>{chosen.keyword}</strong>; we could not check it with Postscript just now.
        </p>
      ) : null}

      <div className="flex flex-wrap items-center gap-2">
        {keywords.isPending ? (
          <span className="inline-flex items-center gap-2 text-sm text-slate-600">
            <Spinner label="Loading keywords" /> Loading your keywords…
          </span>
        ) : keywords.isError ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {keywords.error.message}
          </p>
        ) : keywords.data.length === 0 ? (
          <div className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
            No keywords found in your Postscript account. Create one in Postscript under{" "}
            <strong>Subscribers → Keywords</strong> (for example RESTOCK), then click Refresh.
          </div>
        ) : (
          // Not disabled while saving: disabling the focused trigger would drop keyboard focus to the page.
          <Select.Root
            value={current}
            onValueChange={(keywordId) => {
              setPicked(keywordId);
              void save.execute({ shopId, keywordId });
            }}
            disabled={!canWrite}
          >
            <Select.Trigger
              aria-label="Postscript keyword"
              className="inline-flex min-w-56 items-center justify-between gap-2 rounded-md bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
            >
              <Select.Value placeholder="Select a keyword" />
              <Select.Icon className="text-slate-400" aria-hidden>
                ▾
              </Select.Icon>
            </Select.Trigger>
            <Select.Portal>
              <Select.Content
                position="popper"
                sideOffset={4}
                className="z-50 max-h-72 min-w-[var(--radix-select-trigger-width)] overflow-y-auto rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200"
              >
                <Select.Viewport>
                  {keywords.data.map((k) => (
                    <Select.Item
                      key={k.id}
                      value={k.id}
                      className="cursor-pointer rounded px-2 py-1.5 font-mono text-sm outline-none data-[highlighted]:bg-brand-50 data-[state=checked]:font-semibold"
                    >
                      <Select.ItemText>{k.keyword}</Select.ItemText>
                    </Select.Item>
                  ))}
                </Select.Viewport>
              </Select.Content>
            </Select.Portal>
          </Select.Root>
        )}
        <Button
          variant="secondary"
          onClick={async () => {
            refreshNext.current = true;
            await keywords.refetch();
            // The fresh listing also decides whether the saved keyword still exists: re-read the step from the server.
            router.refresh();
          }}
          pending={keywords.isFetching && !keywords.isPending}
        >
          Refresh
        </Button>
        {save.pending ? (
          <span className="inline-flex items-center gap-2 text-sm text-slate-600">
            <Spinner label="Saving" /> Saving…
          </span>
        ) : null}
        {saved && !save.pending && !saveError ? (
          <span role="status" className="text-sm font-medium text-emerald-700">
            Saved: {saved}
          </span>
        ) : null}
      </div>
      {saveError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {saveError}
        </p>
      ) : null}
      <p className="text-xs text-slate-500">
        Tip: use a dedicated keyword such as <strong>RESTOCK</strong> so back-in-stock subscribers stay separate from
        your other SMS audiences. Keywords can only be created in Postscript.
      </p>
    </div>
  );
}
