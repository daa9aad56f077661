import { handleEditOrderExtension } from "@/lib/order-editing/handle-edit-order-extension";

export const dynamic = "force-dynamic";

/* The checkout / customer-account "Edit order" extension asks here: see handleEditOrderExtension. */
export async function POST(request: Request): Promise<Response> {
  return handleEditOrderExtension(request);
}

export async function OPTIONS(request: Request): Promise<Response> {
  return handleEditOrderExtension(request);
}
