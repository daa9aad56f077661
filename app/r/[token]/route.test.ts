import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { signReportLinkToken } from "@/lib/reports/report-link-token";
import { reportLinkUrl } from "@/lib/reports/report-link-url";
import { createReportShop } from "@/lib/reports/report-test-fixtures";
import { GET, HEAD } from "./route";

const PHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";

function tap(token: string, options: { method?: "GET" | "HEAD"; userAgent?: string | null } = {}) {
  const headers = new Headers();
  if (options.userAgent !== null) headers.set("user-agent", options.userAgent ?? PHONE);
  const request = new NextRequest(`http://localhost/r/${token}`, { method: options.method ?? "GET", headers });
  return (options.method === "HEAD" ? HEAD : GET)(request, { params: Promise.resolve({ token }) });
}

describe("/r/<token>", () => {
  it("counts a person's tap and forwards to the product page with the variant and UTM tags", async () => {
    const { shopId, domain, variant, restock } = await createReportShop();
    const token = signReportLinkToken(restock.id);
    expect(reportLinkUrl(restock.id)).toMatch(new RegExp(`/r/${token.replace(".", "\\.")}$`));
    // No personal data in the link: only the restock id and the signature.
    expect(token).not.toMatch(/\+1|@/);

    const response = await tap(token);
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!);
    expect(location.origin).toBe(`https://${domain}`);
    expect(location.pathname).toBe(`/products/${variant.product.handle}`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      variant: variant.shopifyVariantId,
      utm_source: "signalboard",
      utm_medium: "sms",
      utm_campaign: "back_in_stock",
    });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await prisma.reportClick.findMany({ where: { shopId } })).toMatchObject([
      { restockId: restock.id, variantId: variant.id },
    ]);
  });

  it("forwards but does not count HEAD requests, bots, link previews or a request without a user agent", async () => {
    const { shopId, restock } = await createReportShop();
    const token = signReportLinkToken(restock.id);
    const uncounted = [
      tap(token, { method: "HEAD" }),
      tap(token, { userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" }),
      tap(token, { userAgent: "facebookexternalhit/1.1 Facebot Twitterbot/1.0" }),
      tap(token, { userAgent: "WhatsApp/2.23.20.0 A" }),
      tap(token, { userAgent: "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" }),
      tap(token, { userAgent: "curl/8.5.0" }),
      tap(token, { userAgent: null }),
    ];
    for (const response of await Promise.all(uncounted)) expect(response.status).toBe(307);
    expect(await prisma.reportClick.count({ where: { shopId } })).toBe(0);
    await tap(token);
    expect(await prisma.reportClick.count({ where: { shopId } })).toBe(1);
  });

  it("answers 404 to a tampered, truncated or unknown token and counts nothing", async () => {
    const { shopId, restock } = await createReportShop();
    const token = signReportLinkToken(restock.id);
    const flipped = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    const otherId = `${restock.id.slice(0, -1)}${restock.id.endsWith("a") ? "b" : "a"}`;
    for (const bad of [
      flipped,
      token.slice(0, -2),
      `${otherId}.${token.split(".")[1]}`,
      "nothing",
      signReportLinkToken("c000000000000000000000000"),
    ]) {
      expect((await tap(bad)).status).toBe(404);
    }
    expect(await prisma.reportClick.count({ where: { shopId } })).toBe(0);
  });
});
