export const dynamic = "force-dynamic";

/**
 * The webhook benchmark's bound (bench/webhook-intake.ts): reads the body and answers 200, nothing else, so intake
 * is compared with what this server does for a request at all. Absent (404) unless BENCH_BARE_ROUTE=1.
 */
export async function POST(request: Request) {
  if (process.env.BENCH_BARE_ROUTE !== "1") return new Response(null, { status: 404 });
  await request.arrayBuffer();
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
