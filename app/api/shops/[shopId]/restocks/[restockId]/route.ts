import { NextResponse } from "next/server";
import { apiError } from "@/lib/actions/api-error";
import { withShop } from "@/lib/actions/with-shop";
import { getRestockProgress } from "@/lib/restock/get-restock-progress";

export const dynamic = "force-dynamic";

/** Live send progress of one restock (the progress view polls this). */
export const GET = withShop<{ shopId: string; restockId: string }>(async (ctx, _request, { restockId }) => {
  const progress = await getRestockProgress(ctx.shop.id, restockId);
  if (!progress) return apiError("NOT_FOUND", "Restock not found.");
  return NextResponse.json(progress, { headers: { "cache-control": "no-store" } });
});
