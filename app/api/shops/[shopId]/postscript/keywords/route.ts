import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/current-user";
import { resolveShopContext } from "@/lib/auth/shop-context";
import { AppError } from "@/lib/errors/app-error";
import { listShopKeywords } from "@/lib/setup/list-shop-keywords";

export const dynamic = "force-dynamic";

/** The shop's Postscript keywords for the keyword picker: the stored list, or Postscript's with ?refresh=1. */
export async function GET(request: Request, { params }: { params: Promise<{ shopId: string }> }) {
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "Sign in again." } }, { status: 401 });
  const ctx = await resolveShopContext(user, (await params).shopId);
  if (!ctx) return NextResponse.json({ error: { code: "NOT_FOUND", message: "Shop not found." } }, { status: 404 });
  try {
    return NextResponse.json({ keywords: await listShopKeywords(ctx.shop.id, { refresh: new URL(request.url).searchParams.get("refresh") === "1" }) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) {
      return NextResponse.json({ error: { code: error.code, message: error.message } }, { status: error.status });
    }
    throw error;
  }
}
