/** The shop and order the customer is looking at. */
export function PortalHeader({
  shopName,
  orderName,
  customerName,
}: {
  shopName: string;
  orderName: string;
  customerName?: string | null;
}) {
  return (
    <header className="mb-6">
      <p className="text-sm font-medium text-brand-700">{shopName}</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">Order {orderName}</h1>
      {customerName ? (
        <p className="mt-1 text-sm text-slate-600">
          Hi {customerName.split(" ")[0]}, here you can change your order before we ship it.
        </p>
      ) : null}
    </header>
  );
}
