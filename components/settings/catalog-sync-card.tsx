"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action-result";
import { useAction } from "@/lib/actions/use-action";
import { catalogSyncViewAction, requestCatalogSyncAction, setLocationSellingAction } from "@/lib/catalog/actions";
import type { CatalogSyncView } from "@/lib/catalog/get-catalog-sync-view";
import { formatShopTime } from "@/lib/format/format-shop-time";

const count = (n: number) => n.toLocaleString("en-US");

function syncLine(latest: NonNullable<CatalogSyncView["latest"]>, timeZone: string): string {
  if (latest.status === "WAITING_BULK") return `Shopify is preparing ${count(latest.total)} variants for download…`;
  if (latest.status === "RUNNING")
    return `Syncing ${count(latest.synced)} of ${count(Math.max(latest.total, latest.synced))} variants`;
  if (latest.status === "FAILED")
    return `The sync stopped after ${count(latest.synced)} of ${count(latest.total)} variants.`;
  const what = latest.kind === "RECONCILE" ? "Nightly check" : "Last sync";
  const fixed = latest.corrected ? `, ${count(latest.corrected)} corrections` : ", nothing to correct";
  return `${what} finished ${latest.finishedAt ? formatShopTime(latest.finishedAt, timeZone) : ""}: ${count(latest.synced)} variants${fixed}.`;
}

/**
 * Settings › Catalog and locations: the sync's live progress ("Syncing 12,400 of 48,000 variants"), a way to start
 * or resume it, and which locations' stock counts as available online (default: Shopify's own choice).
 */
export function CatalogSyncCard({
  shopId,
  initial,
  canWrite,
  timeZone,
}: {
  shopId: string;
  initial: CatalogSyncView;
  canWrite: boolean;
  /** The shop's zone: every time on the card is written in it. */
  timeZone: string;
}) {
  const queryClient = useQueryClient();
  const view = useQuery({
    queryKey: ["catalog-sync", shopId],
    queryFn: async () => {
      const result = await catalogSyncViewAction({ shopId });
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    initialData: initial,
    refetchInterval: (query) =>
      query.state.data?.latest && ["RUNNING", "WAITING_BULK"].includes(query.state.data.latest.status) ? 2_000 : false,
  });
  // The card reads its own view, not the page: after any answer (refused too) the view is re-read, and the action
  // stays pending until it has been, so a checkbox never shows a value the server has not confirmed.
  const thenReload =
    <I, T>(action: (input: I) => Promise<ActionResult<T>>) =>
    async (input: I) => {
      const result = await action(input);
      await queryClient.invalidateQueries({ queryKey: ["catalog-sync", shopId] });
      return result;
    };
  const sync = useAction(thenReload(requestCatalogSyncAction), { refresh: false });
  const choose = useAction(thenReload(setLocationSellingAction), { refresh: false });
  const data = view.data;
  const latest = data.latest;
  const busy = latest?.status === "RUNNING" || latest?.status === "WAITING_BULK";
  const percent = latest && latest.total ? Math.min(100, Math.round((latest.synced / latest.total) * 100)) : 0;

  return (
    <div className="space-y-5 text-sm" data-testid="catalog-sync">
      <div className="space-y-2">
        {latest ? (
          <p className="text-slate-700" aria-live="polite" data-testid="catalog-sync-status">
            {syncLine(latest, timeZone)}
          </p>
        ) : (
          <p className="text-slate-700" data-testid="catalog-sync-status">
            Your catalog has not been read from Shopify yet; it starts a minute after install.
          </p>
        )}
        {busy ? (
          <div
            role="progressbar"
            aria-label="Catalog sync progress"
            aria-valuemin={0}
            aria-valuemax={latest.total}
            aria-valuenow={latest.synced}
            className="h-2 overflow-hidden rounded-full bg-slate-100"
          >
            <div className="h-full rounded-full bg-emerald-500 transition-all" style={{ width: `${percent}%` }} />
          </div>
        ) : null}
        {latest?.status === "FAILED" && latest.error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-700">
            {latest.error}
          </p>
        ) : null}
        {!data.connected ? (
          <p className="text-amber-800">
            Signalboard is not connected to Shopify: reopen the app from your Shopify admin to sync.
          </p>
        ) : null}
        {canWrite ? (
          <Button
            type="button"
            variant="secondary"
            onClick={() => void sync.execute({ shopId })}
            pending={sync.pending}
            disabled={busy || !data.connected}
          >
            {latest?.status === "FAILED" ? "Resume sync" : "Sync catalog now"}
          </Button>
        ) : null}
        {sync.error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-700">
            {sync.error}
          </p>
        ) : null}
        {view.isError ? (
          <p role="alert" className="text-red-700">
            {view.error.message}
          </p>
        ) : null}
      </div>

      <fieldset>
        <legend className="font-medium text-slate-900">Locations that sell online</legend>
        <p className="mt-1 text-slate-600">
          Back-in-stock alerts count stock only at these locations. By default, the ones Shopify fulfils online orders
          from.
        </p>
        {data.locations.length === 0 ? (
          <p className="mt-3 text-slate-500">No locations yet: they arrive with the first sync.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100">
            {data.locations.map((location) => (
              <li key={location.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    className="h-4 w-4 rounded border-slate-300"
                    checked={location.sellsOnline}
                    disabled={!canWrite || choose.pending}
                    onChange={(e) =>
                      void choose.execute({ shopId, locationId: location.id, sellsOnline: e.target.checked })
                    }
                  />
                  <span className="text-slate-900">{location.name}</span>
                </label>
                <span className="text-xs text-slate-500">
                  {location.fulfillsOnlineOrders
                    ? "Shopify: fulfils online orders"
                    : "Shopify: does not fulfil online orders"}
                  {location.chosen && canWrite ? (
                    <>
                      {" · "}
                      <button
                        type="button"
                        className="underline"
                        onClick={() => void choose.execute({ shopId, locationId: location.id, sellsOnline: null })}
                      >
                        use Shopify&apos;s setting
                      </button>
                    </>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
        {choose.error ? (
          <p role="alert" className="mt-2 rounded-md bg-red-50 px-3 py-2 text-red-700">
            {choose.error}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
