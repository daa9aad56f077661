import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { issuedSecrets, spyOnConsole, startTestShopifyStandin } from "@/lib/testing/start-test-shopify-standin";
import { beginOAuth, OAUTH_CALLBACK_PATH } from "./begin-oauth";
import { completeOAuth } from "./complete-oauth";
import { installShop } from "./install-shop";
import { staffFromOnlineSession } from "./staff-from-session-token";

let standin: Awaited<ReturnType<typeof startTestShopifyStandin>>;
const consoleText = spyOnConsole();
const BROWSER = {
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36",
};

beforeAll(async () => {
  standin = await startTestShopifyStandin();
});
afterAll(async () => {
  for (const secret of issuedSecrets(standin.state)) expect(consoleText.text()).not.toContain(secret);
  await standin.close();
});

/** Begins OAuth as the app's route would; returns the authorize URL and the state cookie the browser keeps. */
async function begin(shop: string, online = false) {
  const response = await beginOAuth(
    new Request(`${standin.appUrl}/auth/shopify/begin?shop=${shop}`, { headers: BROWSER }),
    shop,
    { online },
  );
  expect(response.status).toBe(302);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { authorizeUrl: new URL(response.headers.get("location")!), cookie };
}

/** The merchant pressing Install on the stand-in's authorize page; returns the callback URL Shopify redirects to. */
async function approve(authorizeUrl: URL, as?: string): Promise<URL> {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain("write_products");
  // The page's form, submitted as the browser would: its hidden fields plus the Install button.
  const form = new URLSearchParams(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\s*\/?>/g)].map((m) => [
      m[1]!,
      m[2]!.replaceAll("&amp;", "&"),
    ]),
  );
  if (as) form.set("as", as);
  form.set("decision", "install");
  const answer = await fetch(authorizeUrl, { method: "POST", body: form, redirect: "manual" });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get("location")!);
}

function callback(url: URL, cookie: string) {
  return completeOAuth(new Request(url, { headers: { ...BROWSER, cookie } }));
}

describe("OAuth code grant", () => {
  it("begin → authorize → callback gives an expiring offline session that installs the shop", async () => {
    const store = standin.newStore();
    const { authorizeUrl, cookie } = await begin(store.domain);
    expect(authorizeUrl.href.startsWith(`${standin.url}/shops/${store.domain}/admin/oauth/authorize?`)).toBe(true);
    expect(authorizeUrl.searchParams.get("redirect_uri")).toBe(`${standin.appUrl}${OAUTH_CALLBACK_PATH}`);
    const back = await approve(authorizeUrl);
    expect([...back.searchParams.keys()].sort()).toEqual(["code", "hmac", "host", "shop", "state", "timestamp"]);

    const { session, headers } = await callback(back, cookie);
    expect(session).toMatchObject({ shop: store.domain, isOnline: false });
    expect(session.expires).toBeInstanceOf(Date);
    expect(session.refreshToken).toMatch(/^shprt_/);
    expect(headers.get("set-cookie")).toContain("shopify_app_state=;");
    const { shopId, installed } = await installShop(session);
    expect(installed).toBe(true);
    expect(await prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).toMatchObject({
      domain: store.domain,
      name: store.name,
      currency: "CAD",
    });
  });

  it("an online grant names the staff member who approved it", async () => {
    const store = standin.newStore();
    const owner = await begin(store.domain, true);
    expect(owner.authorizeUrl.searchParams.getAll("grant_options[]")).toEqual(["per-user"]);
    const { session } = await callback(await approve(owner.authorizeUrl), owner.cookie);
    expect(session.isOnline).toBe(true);
    expect(session.onlineAccessInfo?.associated_user).toMatchObject({ id: Number(store.owner), account_owner: true });

    const staff = await begin(store.domain, true);
    const { session: staffSession } = await callback(
      await approve(staff.authorizeUrl, store.staffMember),
      staff.cookie,
    );
    expect(staffFromOnlineSession(staffSession)).toMatchObject({
      shopifyUserId: store.staffMember,
      firstName: "Sam",
      accountOwner: false,
    });
  });

  it("refuses a callback with a bad HMAC", async () => {
    const store = standin.newStore();
    const { authorizeUrl, cookie } = await begin(store.domain);
    const back = await approve(authorizeUrl);
    back.searchParams.set("hmac", "0".repeat(64));
    const error = await callback(back, cookie).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/does not match the one Signalboard started/);
  });

  it("refuses a callback whose state is not the one this browser started", async () => {
    const store = standin.newStore();
    const first = await begin(store.domain);
    const other = await begin(store.domain);
    const error = await callback(await approve(first.authorizeUrl), other.cookie).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "UNAUTHENTICATED",
      message: expect.stringMatching(/wrong signature or state/),
    });
  });

  it("refuses a replayed callback: without the cookie, and with it (the code is single-use)", async () => {
    const store = standin.newStore();
    const { authorizeUrl, cookie } = await begin(store.domain);
    const back = await approve(authorizeUrl);
    await callback(back, cookie);
    await expect(callback(back, "")).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: expect.stringMatching(/already used/),
    });
    await expect(callback(back, cookie)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: expect.stringMatching(/authorization code/),
    });
  });

  it("refuses to begin for a shop that is not a myshopify domain", async () => {
    const request = new Request(`${standin.appUrl}/auth/shopify/begin?shop=evil.example.com`, { headers: BROWSER });
    await expect(beginOAuth(request, "evil.example.com", { online: false })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
