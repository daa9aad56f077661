import { NextResponse } from "next/server";
import { receivePostscriptWebhook } from "@/lib/postscript-webhooks/receive-postscript-webhook";

export const dynamic = "force-dynamic";

/** Postscript's webhooks for one shop (opt-in, opt-out, incoming messages), verified by the account's token. */
export async function POST(request: Request, { params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const reply = await receivePostscriptWebhook(shopId, request);
  return NextResponse.json(reply.body, { status: reply.status, headers: { "cache-control": "no-store" } });
}
