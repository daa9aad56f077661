import { NextResponse } from "next/server";
import { withShop } from "@/lib/actions/with-shop";
import { listShopKeywords } from "@/lib/setup/list-shop-keywords";

export const dynamic = "force-dynamic";

/** The shop's Postscript keywords for the keyword picker: the stored list, or Postscript's with ?refresh=1. */
export const GET = withShop(async (ctx, request) => {
  const refresh = new URL(request.url).searchParams.get("refresh") === "1";
  return NextResponse.json(
    { keywords: await listShopKeywords(ctx.shop.id, { refresh }) },
    { headers: { "cache-control": "no-store" } },
  );
});
