import { INVALID_LINK_MESSAGE } from "@/lib/order-editing/find-portal-order";

export default function InvalidPortalLink() {
  return (
    <section role="alert" className="rounded-xl bg-white px-6 py-8 text-center shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold text-slate-900">We couldn’t open this order</h1>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">{INVALID_LINK_MESSAGE}</p>
    </section>
  );
}
