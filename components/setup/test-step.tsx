/** Step 5: what the end-to-end test checks; it turns green only when the delivery engine records a real alert. */
export function TestStep({ done, detail }: { done: boolean; detail: string }) {
  const stages = [
    "Sign up for a back-in-stock alert on your storefront with your own phone number.",
    "Reply Y to Postscript's opt-in text to confirm the subscription.",
    "Restock the product in Shopify, or open Back in stock → Current waitlist and click Send.",
    "The back-in-stock SMS arrives through your Postscript flow.",
  ];
  return (
    <div className="space-y-3 text-sm text-slate-700">
      <ol className="list-decimal space-y-1 pl-5">
        {stages.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <p className={done ? "text-emerald-700" : "text-slate-500"}>{detail}</p>
      {!done ? (
        <p className="text-xs text-slate-500">
          This checkmark appears by itself once a real alert is delivered; there is nothing to click. If the alert does not arrive, check that
          the customer replied Y and that your flow for <code>back_in_stock_sms_alert</code> is active.
        </p>
      ) : null}
    </div>
  );
}
