import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/current-user";
import { resolveShopContext } from "@/lib/auth/shop-context";
import { getTestStages } from "@/lib/setup/get-test-stages";

export const dynamic = "force-dynamic";

/** Step 5's live stages (polled by the setup page while the merchant runs the end-to-end test). */
export async function GET(_request: Request, { params }: { params: Promise<{ shopId: string }> }) {
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: "Sign in again." }, { status: 401 });
  const ctx = await resolveShopContext(user, (await params).shopId);
  if (!ctx) return NextResponse.json({ error: "Shop not found." }, { status: 404 });
  return NextResponse.json(await getTestStages(ctx.shop.id), { headers: { "cache-control": "no-store" } });
}
