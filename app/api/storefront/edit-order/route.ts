import { handleEditOrderLink } from "@/lib/order-editing/edit-order-link";

export const dynamic = "force-dynamic";

/* The storefront "Edit order" link through the app proxy (/apps/signalboard/edit-order?order_id=…): see handleEditOrderLink. */
export async function GET(request: Request): Promise<Response> {
  return handleEditOrderLink(request);
}
