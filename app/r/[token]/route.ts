import { NextResponse, type NextRequest } from "next/server";
import { recordReportClick } from "@/lib/reports/record-report-click";

// Every tap must reach the database: never served from a cache.
export const dynamic = "force-dynamic";

async function forward(
  request: NextRequest,
  { params }: { params: Promise<{ token: string }> },
): Promise<NextResponse> {
  const { token } = await params;
  const click = await recordReportClick(token, {
    method: request.method,
    userAgent: request.headers.get("user-agent"),
  });
  if (!click)
    return new NextResponse("This link is not valid.", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  const response = NextResponse.redirect(click.location, 307);
  // A shared cache answering a second tap would hide it from the report.
  response.headers.set("cache-control", "no-store");
  response.headers.set("referrer-policy", "no-referrer");
  return response;
}

/** A customer taps an alert's purchase link: counted (unless a bot or a preview), then sent to the product page. */
export const GET = forward;
/** Link checkers and previews: answered like GET, never counted. */
export const HEAD = forward;
