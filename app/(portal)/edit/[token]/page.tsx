import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderEditor } from "@/components/portal/order-editor";
import { PortalHeader } from "@/components/portal/portal-header";
import { getPortalView } from "@/lib/order-editing/get-portal-view";

export const metadata: Metadata = { title: "Edit your order" };

export default async function EditOrderPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await getPortalView(token);
  if (view.kind === "invalid") notFound();
  if (view.kind === "closed") {
    return (
      <>
        <PortalHeader shopName={view.shopName} orderName={view.orderName} />
        <section role="status" className="rounded-xl bg-white px-6 py-8 text-center shadow-sm ring-1 ring-slate-200">
          <h2 className="text-lg font-semibold text-slate-900">Editing is closed</h2>
          <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">{view.message}</p>
        </section>
      </>
    );
  }
  return (
    <>
      <PortalHeader shopName={view.shopName} orderName={view.orderName} customerName={view.customerName} />
      <OrderEditor token={token} view={view} />
    </>
  );
}
