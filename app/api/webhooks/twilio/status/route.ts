import { receiveTwilioStatus } from "@/lib/twilio/receive-twilio-webhook";

export const dynamic = "force-dynamic";

/** Twilio's status callbacks for texts built-in SMS sent (X-Twilio-Signature verified). */
export async function POST(request: Request) {
  const reply = await receiveTwilioStatus(request);
  return new Response(reply.body, {
    status: reply.status,
    headers: { "content-type": reply.contentType, "cache-control": "no-store" },
  });
}
