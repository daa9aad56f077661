/**
 * What the "Edit order" block decides, kept free of Shopify's and Preact's APIs so it is tested on its own: where
 * it asks Signalboard about the order, and whether (and where to) it links once Signalboard has answered.
 */

/** Signalboard's origin: shopify.app.toml's application_url (a test keeps the two equal). */
export const APP_ORIGIN = "https://signalboard.example.com";

/** The endpoint the block asks (POST, the session token as Bearer); app/api/extensions/edit-order/route.ts. */
export const EDIT_ORDER_PATH = "/api/extensions/edit-order";

/** Signalboard's answer about one order. `pending`: the order has not reached Signalboard yet (a webhook away). */
export type EditOrderAnswer =
  { editable: true; url: string; deadline: string | null } | { editable: false; pending?: boolean };

export type EditOrderView =
  { show: true; url: string; deadline: Date | null } | { show: false; retryInMs: number | null };

/** How often and how long the thank-you page waits for a brand-new order to reach Signalboard. */
export const PENDING_RETRY_MS = 3_000;
export const MAX_PENDING_RETRIES = 5;

/** The request the block sends for an order (Shopify's order gid) and the buyer's checkout email, if shared. */
export function editOrderRequest(orderId: string, email: string | undefined): { url: string; body: string } {
  return {
    url: new URL(EDIT_ORDER_PATH, APP_ORIGIN).toString(),
    body: JSON.stringify(email ? { orderId, email } : { orderId }),
  };
}

/**
 * Whether to show the link: only for an editable order whose portal link is Signalboard's own (https, on its
 * origin), and only until its deadline; a pending order is asked again a few times; anything else shows nothing.
 */
export function editOrderView(answer: unknown, now: Date, attempt: number): EditOrderView {
  const nothing = { show: false, retryInMs: null } as const;
  if (!answer || typeof answer !== "object") return nothing;
  const a = answer as Partial<Record<string, unknown>>;
  if (a.editable !== true) {
    return a.pending === true && attempt < MAX_PENDING_RETRIES ? { show: false, retryInMs: PENDING_RETRY_MS } : nothing;
  }
  if (typeof a.url !== "string") return nothing;
  let url: URL;
  try {
    url = new URL(a.url);
  } catch {
    return nothing;
  }
  if (url.origin !== APP_ORIGIN || !url.pathname.startsWith("/edit/")) return nothing;
  const deadline = typeof a.deadline === "string" ? new Date(a.deadline) : null;
  if (deadline && (Number.isNaN(deadline.getTime()) || deadline.getTime() <= now.getTime())) return nothing;
  return { show: true, url: url.toString(), deadline };
}

/** Milliseconds until the link must disappear (the deadline), or null when it stays until the order is fulfilled. */
export function msUntilHidden(view: EditOrderView, now: Date): number | null {
  return view.show && view.deadline ? Math.max(0, view.deadline.getTime() - now.getTime()) : null;
}
