import { NextResponse } from "next/server";
import { receiveShopifyWebhook } from "@/lib/shopify/receive-shopify-webhook";

export const dynamic = "force-dynamic";

/** Shopify webhooks: verified, stored and queued; the answer never waits for the work. */
export async function POST(request: Request) {
  const reply = await receiveShopifyWebhook(request);
  return NextResponse.json(reply.body, { status: reply.status, headers: { "cache-control": "no-store" } });
}
