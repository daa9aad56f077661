import { CopyButton } from "@/components/setup/copy-button";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { RecentOrder } from "@/lib/order-editing/list-recent-orders";
import { formatShopTime } from "@/lib/format/format-shop-time";

const EDIT_TONE = { OPEN: "info", SAVED: "success", ABANDONED: "warning" } as const;
const EDIT_LABEL = { OPEN: "Editing", SAVED: "Edited", ABANDONED: "Abandoned" } as const;

/** The latest orders, whether each can still be edited, and the customer's portal link (for support and testing). */
export function RecentOrders({ orders, timeZone }: { orders: RecentOrder[]; timeZone: string }) {
  if (orders.length === 0) {
    return (
      <EmptyState title="No orders yet">
        Orders arrive from Shopify&apos;s orders/create webhook. Each gets an editing deadline and a portal link your
        customers receive in the Upsell Offers Available and nudge messages (as{" "}
        <span className="font-mono">edit_url</span>).
      </EmptyState>
    );
  }
  return (
    <div className="relative -mx-5 overflow-x-auto">
      <table className="min-w-full text-sm">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium">
              Order
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Placed
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Editing
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Last edit
            </th>
            <th scope="col" className="px-5 py-2 font-medium">
              Customer portal
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {orders.map((order) => (
            <tr key={order.id} className="align-top">
              <td className="px-5 py-3">
                <p className="font-medium text-slate-900">{order.name}</p>
                <p className="text-slate-600">{order.customerName ?? "No name"}</p>
              </td>
              <td className="px-3 py-3 text-slate-700">{formatShopTime(order.placedAt, timeZone)}</td>
              <td className="px-3 py-3">
                {order.editing === "open" ? (
                  <span className="text-slate-700">
                    {order.deadline ? `Until ${formatShopTime(order.deadline, timeZone)}` : "Until fulfilled"}
                  </span>
                ) : (
                  <Badge>{order.closedReason}</Badge>
                )}
              </td>
              <td className="px-3 py-3">
                {order.lastEdit ? (
                  <>
                    <Badge tone={EDIT_TONE[order.lastEdit.status]}>{EDIT_LABEL[order.lastEdit.status]}</Badge>
                    {order.lastEdit.summary ? (
                      <p className="mt-1 max-w-xs text-slate-600">{order.lastEdit.summary}</p>
                    ) : null}
                  </>
                ) : (
                  <span className="text-slate-500">Not edited</span>
                )}
              </td>
              <td className="px-5 py-3">
                <div className="flex items-center gap-2">
                  <a
                    href={order.portalUrl}
                    target="_blank"
                    rel="noreferrer"
                    className="font-medium text-brand-600 hover:text-brand-700"
                  >
                    Open portal<span className="sr-only"> for order {order.name}</span>
                  </a>
                  <CopyButton text={order.portalUrl} label={`Copy the portal link of ${order.name}`} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
