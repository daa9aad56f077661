import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type APIResponse, type Browser, type Page } from "@playwright/test";
import { NAV_ITEMS } from "../components/dashboard/nav-items";
import { DEMO_MERCHANT, DEMO_SHOPS } from "../lib/db/seed-demo";
import {
  createMerchantAccount,
  DEMO_LOGINS,
  query,
  setUpPostscript,
  shopId,
  signIn,
  signInSupportAgent,
} from "./support/app";
import { pasteKlaviyoKey } from "./support/klaviyo";

/*
 * No secret ever leaves the server: the Postscript and Klaviyo keys a merchant pastes, AUTH_SECRET,
 * ENCRYPTION_KEY (and the Shopify client secret) must not appear in any page, RSC payload, JSON answer, error
 * response, JS chunk the browser loads, built client bundle file, response header, or line the server logs.
 */

const postscriptKey = `sk_sandbox_nosecret_${randomBytes(8).toString("hex")}`;
const klaviyoKey = `pk_sandbox_nosecret_${randomBytes(8).toString("hex")}`;
const SECRETS: Record<string, string> = {
  "the Postscript key": postscriptKey,
  "the Klaviyo key": klaviyoKey,
  AUTH_SECRET: process.env.E2E_AUTH_SECRET!,
  ENCRYPTION_KEY: process.env.E2E_ENCRYPTION_KEY!,
  SHOPIFY_API_SECRET: process.env.E2E_SHOPIFY_API_SECRET!,
};

/** Each secret as it could appear: raw, URL-encoded, or JSON-escaped ("/" as "\/"). */
const NEEDLES = Object.entries(SECRETS).flatMap(([name, secret]) =>
  [...new Set([secret, encodeURIComponent(secret), secret.replaceAll("/", "\\/")])].map((needle) => ({ name, needle })),
);

/** Every secret found in a text, as "<secret> in <where>". */
function leaks(where: string, text: string): string[] {
  return NEEDLES.filter(({ needle }) => text.includes(needle)).map(({ name }) => `${name} in ${where}`);
}

type Recorded = { url: string; status: number; type: string; text: string };

/** Records every response a page receives (documents, RSC payloads, JSON, JS chunks, errors), headers included. */
function record(page: Page, into: Promise<Recorded | null>[]) {
  page.on("response", (response) => {
    into.push(
      (async () => {
        const headers = Object.entries(await response.allHeaders())
          .map(([k, v]) => `${k}: ${v}`)
          .join("\n");
        const body = await response.body().catch(() => Buffer.alloc(0)); // redirects have none
        return {
          url: response.url(),
          status: response.status(),
          type: response.headers()["content-type"] ?? "",
          text: `${headers}\n\n${body.toString("utf8")}`,
        };
      })().catch(() => null),
    );
  });
}

/** A request outside any page (the API client of a signed-in context, or none), recorded the same way. */
async function recordedCall(into: Recorded[], call: Promise<APIResponse>): Promise<number> {
  const response = await call;
  const headers = Object.entries(response.headers())
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
  into.push({
    url: response.url(),
    status: response.status(),
    type: response.headers()["content-type"] ?? "",
    text: `${headers}\n\n${await response.text()}`,
  });
  return response.status();
}

async function newRecordedPage(browser: Browser, into: Promise<Recorded | null>[]) {
  const page = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  record(page, into);
  return page;
}

/** Opens a page and waits until it and its client chunks have loaded. */
async function visit(page: Page, url: string) {
  const response = await page.goto(url);
  await page.waitForLoadState("networkidle");
  return response;
}

async function filesUnder(dir: string, extension: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(extension)).map((e) => path.join(e.parentPath, e.name));
}

test("no secret appears in any page, response, JS chunk, bundle file or server log line", async ({
  browser,
  request,
}) => {
  // About 90 s alone; 150–175 s with another spec's browser beside it on a 2-core machine.
  test.setTimeout(360_000);
  expect(Object.values(SECRETS).every((s) => s && s.length >= 16)).toBe(true);
  const responses: Promise<Recorded | null>[] = [];
  const extra: Recorded[] = [];
  const northwind = await shopId(DEMO_SHOPS.northwindOutfitters.domain);
  const outlet = await shopId(DEMO_SHOPS.northwindOutlet.domain);
  const acme = await shopId(DEMO_SHOPS.acmeGoods.domain);

  // A merchant of a shop of their own (earlier specs may have connected the demo shops) connects both keys
  // through the real forms.
  const account = await createMerchantAccount({ shopName: "No Secrets Supply" });
  const owner = await newRecordedPage(browser, responses);
  await signIn(owner, account);
  await setUpPostscript(owner, account.shopId, postscriptKey);
  await visit(owner, `/shops/${account.shopId}/integrations`);
  await pasteKlaviyoKey(owner, klaviyoKey);
  await expect(owner.getByTestId("klaviyo-status")).toHaveAttribute("data-status", "connected");
  const [stored] = await query<{ ps: string; kl: string }>(
    `SELECT p."encryptedKey" AS ps, k."encryptedKey" AS kl FROM "Integration" p JOIN "Integration" k ON k."shopId" = p."shopId" AND k.provider = 'KLAVIYO' WHERE p.provider = 'POSTSCRIPT' AND p."shopId" = $1`,
    [account.shopId],
  );
  expect(stored?.ps).toBeTruthy();
  expect(stored?.kl).toBeTruthy();

  // Every dashboard page of that shop and of the demo merchant's two shops, the new-strategy form and the
  // storefront preview.
  const merchant = await newRecordedPage(browser, responses);
  await signIn(merchant, DEMO_LOGINS.maya);
  for (const [page, id] of [
    [owner, account.shopId],
    [merchant, northwind],
    [merchant, outlet],
  ] as const) {
    for (const item of [...NAV_ITEMS.map((n) => n.href), "/upsells/new"]) {
      const response = await visit(page, `/shops/${id}${item}`);
      expect(response?.status(), `/shops/${id}${item}`).toBe(200);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    }
  }
  expect((await visit(merchant, `/storefront-preview/${DEMO_SHOPS.northwindOutfitters.domain}`))?.status()).toBe(200);

  // The customer portal of a demo order, opened and begun in a browser of the customer's own.
  await visit(merchant, `/shops/${northwind}/order-editing`);
  const link = await merchant.getByRole("link", { name: "Open portal for order #1001" }).getAttribute("href");
  const customer = await newRecordedPage(browser, responses);
  await visit(customer, link!);
  await customer.getByRole("button", { name: "Edit order" }).click();
  await expect(customer.getByRole("button", { name: "Save changes" })).toBeVisible();

  // Error responses: someone else's shop, a tampered portal link, a NUL in the URL, a wrong password, and the
  // public endpoints refusing forged requests.
  expect((await visit(merchant, `/shops/${acme}/postscript`))?.status()).toBe(404);
  expect((await visit(merchant, `/shops/%00/postscript`))?.status()).toBe(404);
  // Below the shop's loading boundary the answer has begun streaming (200) when the page finds nothing.
  await visit(merchant, `/shops/${northwind}/upsells/%00`);
  await expect(merchant.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect(await recordedCall(extra, merchant.request.get(`/api/shops/${acme}/waitlist.csv`))).toBe(404);
  expect(await recordedCall(extra, merchant.request.get(`/api/shops/${northwind}/restocks/%00`))).toBe(404);
  expect((await visit(customer, `${link!.slice(0, -3)}xyz`))?.status()).toBe(404);
  await expect(customer.getByText("This order-editing link is not valid.", { exact: false })).toBeVisible();
  const stranger = await newRecordedPage(browser, responses);
  await stranger.goto("/sign-in");
  await stranger.getByText("Signalboard support agents").click();
  await stranger.getByLabel("Email").fill(DEMO_MERCHANT.email);
  await stranger.getByLabel("Password").fill(`${SECRETS.AUTH_SECRET}-wrong`);
  await stranger.getByRole("button", { name: "Sign in" }).click();
  await expect(stranger.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "That email and password don't match an account.",
  );
  for (const [url, init] of [
    [
      "/api/webhooks/shopify",
      {
        data: "{}",
        headers: {
          "x-shopify-hmac-sha256": "forged",
          "x-shopify-topic": "orders/create",
          "x-shopify-shop-domain": DEMO_SHOPS.northwindOutfitters.domain,
        },
      },
    ],
    [
      `/api/storefront/waitlist?shop=${DEMO_SHOPS.northwindOutfitters.domain}`,
      { data: { variantId: "1", phone: "12" } },
    ],
  ] as const) {
    expect(await recordedCall(extra, request.post(url, init)), url).toBe(401);
  }

  // The support area, as a support agent.
  const agent = await newRecordedPage(browser, responses);
  await signInSupportAgent(agent);
  const [delivery] = await query<{ id: string }>(
    `SELECT id FROM "Delivery" WHERE "shopId" = $1 ORDER BY "createdAt" LIMIT 1`,
    [northwind],
  );
  for (const url of [
    "/support",
    `/support?q=Northwind`,
    `/support/shops/${northwind}`,
    `/support/shops/${northwind}/deliveries`,
    `/support/shops/${northwind}/audit`,
    `/support/shops/${northwind}/deliveries/${delivery!.id}`,
    `/support/shops/${account.shopId}`,
    `/support/shops/${account.shopId}/deliveries`,
  ]) {
    expect((await visit(agent, url))?.status(), url).toBe(200);
  }
  expect(await recordedCall(extra, agent.request.get(`/api/shops/${northwind}/waitlist.csv`))).toBe(403);
  // A NUL in a support URL: below the support area's loading boundary, so "not found" comes with a 200.
  for (const url of [`/support/shops/%00`, `/support/shops/${northwind}/deliveries/%00`]) {
    await visit(agent, url);
    await expect(agent.getByRole("heading", { name: "Page not found" }), url).toBeVisible();
  }

  // Everything the browsers received.
  const recorded = [...(await Promise.all(responses)).filter((r): r is Recorded => r !== null), ...extra];
  const scripts = recorded.filter((r) => /javascript/.test(r.type) || /\.js(\?|$)/.test(r.url));
  expect(scripts.length, "JS chunks loaded").toBeGreaterThan(5);
  expect(
    recorded.filter((r) => /x-component/.test(r.type) || /\?_rsc=/.test(r.url)).length,
    "RSC payloads",
  ).toBeGreaterThan(0);
  expect(recorded.filter((r) => r.status >= 400).length, "error responses").toBeGreaterThanOrEqual(6);
  expect(recorded.flatMap((r) => leaks(`${r.status} ${r.url}`, r.text))).toEqual([]);

  // The shops' Shopify access and refresh tokens (every one the Shopify stand-in issued during the run).
  const issued = (
    (await (await fetch(`http://127.0.0.1:${process.env.E2E_SHOPIFY_PORT}/standin/issued-tokens`)).json()) as {
      tokens: string[];
    }
  ).tokens;
  expect(issued.length, "Shopify tokens issued").toBeGreaterThan(0);
  const shopifyTokenLeaks = (where: string, text: string) =>
    issued.filter((token) => text.includes(token)).map(() => `a Shopify token in ${where}`);
  expect(recorded.flatMap((r) => shopifyTokenLeaks(`${r.status} ${r.url}`, r.text))).toEqual([]);

  // The built client bundle on disk.
  const bundle = await filesUnder(path.join(process.env.NEXT_DIST_DIR || ".next", "static"), ".js");
  expect(bundle.length).toBeGreaterThan(5);
  const bundleLeaks: string[] = [];
  for (const file of bundle) bundleLeaks.push(...leaks(file, await readFile(file, "utf8")));
  expect(bundleLeaks).toEqual([]);

  // Every line the server printed (requests above logged errors too, e.g. Auth.js's for the wrong password).
  const logPath = process.env.E2E_SERVER_LOG!;
  await expect.poll(async () => (await readFile(logPath, "utf8").catch(() => "")).length).toBeGreaterThan(0);
  const log = await readFile(logPath, "utf8");
  expect(log).toMatch(/Ready|Local:|started/i);
  expect(leaks(logPath, log)).toEqual([]);
  expect(shopifyTokenLeaks(logPath, log)).toEqual([]);
});
