import { useEffect, useState } from "preact/hooks";
import { editOrderRequest, editOrderView, msUntilHidden, type EditOrderView } from "./edit-order-button";

type Props = {
  /** Shopify's order gid, once the page knows it. */
  orderId: string | undefined;
  /** The buyer's checkout email, when the app may read it: proves a guest placed the order. */
  email: string | undefined;
  sessionToken: { get(): Promise<string> };
  translate: (key: string) => string;
};

/** The "Edit order" link to the order's Signalboard portal, shown while Signalboard says the order is editable. */
export function EditOrderBlock({ orderId, email, sessionToken, translate }: Props) {
  const [view, setView] = useState<EditOrderView>({ show: false, retryInMs: null });

  useEffect(() => {
    if (!orderId) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async (attempt: number) => {
      let answer: unknown = null;
      try {
        const request = editOrderRequest(orderId, email);
        const response = await fetch(request.url, {
          method: "POST",
          headers: { authorization: `Bearer ${await sessionToken.get()}`, "content-type": "application/json" },
          body: request.body,
        });
        answer = response.ok ? await response.json() : null;
      } catch {
        // No answer shows nothing: the order page must never break because Signalboard is unreachable.
      }
      if (cancelled) return;
      const next = editOrderView(answer, new Date(), attempt);
      setView(next);
      if (!next.show && next.retryInMs !== null) timer = setTimeout(() => void ask(attempt + 1), next.retryInMs);
      const hideIn = msUntilHidden(next, new Date());
      if (hideIn !== null) timer = setTimeout(() => setView({ show: false, retryInMs: null }), hideIn);
    };
    void ask(0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [orderId, email, sessionToken]);

  if (!view.show) return null;
  return (
    <s-stack gap="small-200">
      <s-text>{translate("hint")}</s-text>
      <s-button href={view.url} target="_blank" variant="secondary">
        {translate("editOrder")}
      </s-button>
    </s-stack>
  );
}
