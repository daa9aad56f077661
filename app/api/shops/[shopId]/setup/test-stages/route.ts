import { NextResponse } from "next/server";
import { withShop } from "@/lib/actions/with-shop";
import { getTestStages } from "@/lib/setup/get-test-stages";

export const dynamic = "force-dynamic";

/** Step 5's live stages (polled by the setup page while the merchant runs the end-to-end test). */
export const GET = withShop(async (ctx) =>
  NextResponse.json(await getTestStages(ctx.shop.id), { headers: { "cache-control": "no-store" } }),
);
