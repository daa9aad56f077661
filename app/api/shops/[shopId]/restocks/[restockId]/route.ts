import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/current-user";
import { resolveShopContext } from "@/lib/auth/shop-context";
import { getRestockProgress } from "@/lib/restock/get-restock-progress";

export const dynamic = "force-dynamic";

/** Live send progress of one restock (the progress view polls this). */
export async function GET(_request: Request, { params }: { params: Promise<{ shopId: string; restockId: string }> }) {
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: "Sign in again." }, { status: 401 });
  const { shopId, restockId } = await params;
  const ctx = await resolveShopContext(user, shopId);
  const progress = ctx ? await getRestockProgress(ctx.shop.id, restockId) : null;
  if (!progress) return NextResponse.json({ error: "Restock not found." }, { status: 404 });
  return NextResponse.json(progress, { headers: { "cache-control": "no-store" } });
}
