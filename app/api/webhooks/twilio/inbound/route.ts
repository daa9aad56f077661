import { receiveTwilioInbound } from "@/lib/twilio/receive-twilio-webhook";

export const dynamic = "force-dynamic";

/** Texts customers send to the Messaging Service: STOP / START / HELP (X-Twilio-Signature verified). */
export async function POST(request: Request) {
  const reply = await receiveTwilioInbound(request);
  return new Response(reply.body, {
    status: reply.status,
    headers: { "content-type": reply.contentType, "cache-control": "no-store" },
  });
}
