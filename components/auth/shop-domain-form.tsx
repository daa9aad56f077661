/**
 * "Log in with your store": a plain GET form to Shopify's OAuth, so it works before any script loads. The route
 * validates the domain and explains a bad one.
 */
export function ShopDomainForm({ defaultShop }: { defaultShop?: string }) {
  return (
    <form action="/auth/shopify/begin" method="get" className="space-y-4">
      <div>
        <label htmlFor="shop" className="block text-sm font-medium text-slate-700">
          Your Shopify store
        </label>
        <input
          id="shop"
          name="shop"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          required
          placeholder="your-store.myshopify.com"
          defaultValue={defaultShop}
          aria-describedby="shop-help"
          className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
        <p id="shop-help" className="mt-1 text-xs text-slate-500">
          Your store&apos;s myshopify.com address. Shopify asks you to approve Signalboard the first time.
        </p>
      </div>
      <button
        type="submit"
        className="inline-flex w-full items-center justify-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
      >
        Log in with Shopify
      </button>
    </form>
  );
}
