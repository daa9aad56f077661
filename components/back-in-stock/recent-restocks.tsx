import { Badge } from "@/components/ui/badge";
import { formatShopTime } from "@/lib/format/format-shop-time";
import type { RecentRestock } from "@/lib/back-in-stock/list-recent-restocks";
import { RestockProgress } from "./restock-progress";

/** The latest restocks and how far each send got; unfinished ones update live. */
export function RecentRestocks({
  shopId,
  restocks,
  timeZone,
}: {
  shopId: string;
  restocks: RecentRestock[];
  timeZone: string;
}) {
  if (restocks.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No restocks yet. When a variant someone is waiting for comes back in stock, its send appears here.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-100">
      {restocks.map((r) => (
        <li key={r.id} className="space-y-2 py-4 first:pt-0 last:pb-0">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm font-medium text-slate-900">
              {r.productTitle} <span className="font-normal text-slate-500">– {r.variantTitle}</span>
            </p>
            <span className="flex items-center gap-2 text-xs text-slate-500">
              <Badge tone={r.trigger === "MANUAL" ? "info" : "neutral"}>
                {r.trigger === "MANUAL" ? "Sent by hand" : "Restocked"}
              </Badge>
              {formatShopTime(r.createdAt, timeZone)}
            </span>
          </div>
          <RestockProgress shopId={shopId} restockId={r.id} initial={r.counts} />
        </li>
      ))}
    </ul>
  );
}
