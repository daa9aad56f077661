import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { Script } from "node:vm";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOPS } from "@/lib/db/seed-demo";
import { DEMO_CATALOG } from "@/lib/shopify/demo-catalog";
import { refundPayloadSchema } from "@/lib/shopify/shopify-payload-schemas";
import { shopifyApp } from "@/lib/shopify/shopify-app";
import { verifySessionToken } from "@/lib/shopify/verify-session-token";
import { adminHost, createShopifyStandin, type RunningShopifyStandin } from "./create-shopify-standin";
import { DEMO_STANDIN_STORES } from "./standin-stores";

type Received = { headers: IncomingHttpHeaders; body: string; url: string };

const apiKey = process.env.SHOPIFY_API_KEY!;
const apiSecret = process.env.SHOPIFY_API_SECRET!;
const received: Received[] = [];
let appServer: Server;
let appUrl: string;
let standin: ReturnType<typeof createShopifyStandin>;
let running: RunningShopifyStandin;

const northwind = DEMO_STANDIN_STORES[0]!;
const maya = northwind.staff[0]!;
const lee = northwind.staff[1]!;
const adminPath = `/store/northwind-outfitters/apps/${apiKey}`;

beforeAll(async () => {
  // Stands in for the app: records what the stand-in sends it (webhooks).
  appServer = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body, url: req.url ?? "" });
      res.writeHead(200).end("{}");
    });
  });
  await new Promise<void>((resolve) => appServer.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
  process.env.SHOPIFY_APP_URL = appUrl;
  standin = createShopifyStandin({ apiKey, apiSecret, appUrl });
  running = await standin.listen(0);
  process.env.SHOPIFY_STANDIN_URL = running.url;
});
afterAll(async () => {
  await running.close();
  await new Promise((resolve) => appServer.close(resolve));
});

async function json(path: string, init?: RequestInit) {
  const res = await fetch(`${running.url}${path}`, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function iframeSrc(html: string): URL {
  const src = /<iframe[^>]*src="([^"]+)"/.exec(html)?.[1];
  expect(src).toBeDefined();
  return new URL(src!.replaceAll("&amp;", "&"));
}

describe("Shopify stand-in: demo stores", () => {
  it("gives one person a different staff id in each store, as Shopify does", () => {
    const mayaIds = DEMO_STANDIN_STORES.flatMap((s) =>
      s.staff.filter((m) => m.email === "merchant@demo.test").map((m) => m.id),
    );
    expect(mayaIds).toHaveLength(2);
    expect(new Set(mayaIds).size).toBe(2);
    expect(DEMO_STANDIN_STORES.map((s) => [s.domain, s.name, s.currencyCode, s.ianaTimezone])).toEqual(
      Object.values(DEMO_SHOPS).map((s) => [s.domain, s.name, s.currency, s.timeZone]),
    );
    expect(lee).toMatchObject({ email: "lee@demo.test", accountOwner: false });
  });

  it("lists the stores with links to their admins", async () => {
    const html = await (await fetch(`${running.url}/`)).text();
    for (const store of DEMO_STANDIN_STORES) expect(html).toContain(store.name);
    expect(html).toContain(adminPath);
  });
});

describe("Shopify stand-in: simulated admin", () => {
  it("not installed: the consent screen with the scopes; installing embeds the app with a signed query and a session token", async () => {
    const consent = await (await fetch(`${running.url}${adminPath}`)).text();
    expect(consent).toContain("Install app");
    expect(consent).toContain("write_order_edits");
    expect(consent).not.toContain("<iframe");

    const install = await fetch(`${running.url}${adminPath}/install?as=${maya.id}`, {
      method: "POST",
      redirect: "manual",
    });
    expect(install.status).toBe(303);
    const src = iframeSrc(await (await fetch(`${running.url}${adminPath}`)).text());
    expect(`${src.origin}${src.pathname}`).toBe(`${appUrl}/`);
    expect(src.searchParams.get("embedded")).toBe("1");
    expect(src.searchParams.get("shop")).toBe(northwind.domain);
    expect(Buffer.from(src.searchParams.get("host")!, "base64").toString()).toBe(
      "admin.shopify.com/store/northwind-outfitters",
    );
    expect(src.searchParams.get("host")).toBe(adminHost(northwind.domain));
    // Signed as Shopify signs it: the library's own check accepts it.
    expect(await shopifyApp().utils.validateHmac(Object.fromEntries(src.searchParams))).toBe(true);
    expect(await verifySessionToken(src.searchParams.get("id_token")!)).toMatchObject({
      shop: northwind.domain,
      shopifyUserId: maya.id,
    });
  });

  it("switches the signed-in staff member with ?as=", async () => {
    const src = iframeSrc(await (await fetch(`${running.url}${adminPath}?as=${lee.id}`)).text());
    expect(await verifySessionToken(src.searchParams.get("id_token")!)).toMatchObject({ shopifyUserId: lee.id });
    const fresh = await json(`${adminPath}/session-token?as=${lee.id}`, { method: "POST" });
    expect(await verifySessionToken(fresh.body.token as string)).toMatchObject({ shopifyUserId: lee.id });
  });

  it("Uninstall revokes the tokens and sends app/uninstalled signed exactly as Shopify signs webhooks", async () => {
    const acme = DEMO_STANDIN_STORES[2]!;
    const acmeAdmin = `/store/acme-goods/apps/${apiKey}`;
    await fetch(`${running.url}${acmeAdmin}/install`, { method: "POST", redirect: "manual" });
    const { token } = (
      await json("/standin/session-token", {
        method: "POST",
        body: JSON.stringify({ shop: acme.domain, userId: acme.staff[0]!.id }),
      })
    ).body as { token: string };
    const exchanged = await json(`/shops/${acme.domain}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_id: apiKey,
        client_secret: apiSecret,
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: token,
        subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
        requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
        expiring: "1",
      }),
    });
    expect(exchanged.body).toMatchObject({
      access_token: expect.stringMatching(/^shpat_/),
      expires_in: 3600,
      refresh_token: expect.stringMatching(/^shprt_/),
    });

    const before = received.length;
    await fetch(`${running.url}${acmeAdmin}/uninstall`, { method: "POST", redirect: "manual" });
    const webhook = received[before]!;
    expect(webhook.url).toBe("/api/webhooks/shopify");
    expect(webhook.headers).toMatchObject({
      "x-shopify-topic": "app/uninstalled",
      "x-shopify-shop-domain": acme.domain,
      "x-shopify-api-version": "2026-07",
    });
    for (const header of [
      "x-shopify-webhook-id",
      "x-shopify-event-id",
      "x-shopify-triggered-at",
      "x-shopify-hmac-sha256",
    ])
      expect(webhook.headers[header]).toBeTruthy();
    const check = await shopifyApp().webhooks.validate({
      rawBody: webhook.body,
      rawRequest: new Request(`${appUrl}/api/webhooks/shopify`, {
        method: "POST",
        headers: webhook.headers as Record<string, string>,
        body: webhook.body,
      }),
    });
    expect(check).toMatchObject({ valid: true, topic: "APP_UNINSTALLED", domain: acme.domain });

    const graphql = await fetch(`${running.url}/shops/${acme.domain}/admin/api/2026-07/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": exchanged.body.access_token as string },
      body: JSON.stringify({ query: "{ shop { name } }" }),
    });
    expect(graphql.status).toBe(401);
    expect(await graphql.json()).toEqual({
      errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
    });
  });

  it("the embedding page's script (token minting, nav links) is valid JavaScript that only trusts the app's origin", async () => {
    const html = await (await fetch(`${running.url}${adminPath}`)).text();
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(() => new Script(script!)).not.toThrow();
    expect(script).toContain(`var appOrigin = ${JSON.stringify(appUrl)}`);
  });

  it("serves the App Bridge stand-in", async () => {
    const res = await fetch(`${running.url}/app-bridge.js`);
    expect(res.headers.get("content-type")).toContain("javascript");
    const script = await res.text();
    for (const part of ['meta[name="shopify-api-key"]', "idToken", "Authorization", "ui-nav-menu", "postMessage"])
      expect(script).toContain(part);
  });
});

describe("Shopify stand-in: token endpoint and control API", () => {
  it("answers bad input with Shopify's error JSON and refuses a reused refresh token", async () => {
    const outlet = DEMO_STANDIN_STORES[1]!;
    const endpoint = `/shops/${outlet.domain}/admin/oauth/access_token`;
    const post = (body: Record<string, unknown>) =>
      json(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(await post({ client_id: apiKey, client_secret: "wrong", code: "x" })).toEqual({
      status: 400,
      body: { error: "invalid_client", error_description: expect.any(String) },
    });
    const exchange = {
      client_id: apiKey,
      client_secret: apiSecret,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
      expiring: "1",
    };
    expect(await post({ ...exchange, subject_token: "garbage" })).toMatchObject({
      status: 400,
      body: { error: "invalid_subject_token" },
    });
    const { token } = (
      await json("/standin/session-token", {
        method: "POST",
        body: JSON.stringify({ shop: outlet.domain, userId: outlet.staff[0]!.id }),
      })
    ).body as { token: string };
    expect(await post({ ...exchange, subject_token: token })).toMatchObject({
      status: 400,
      body: { error_description: "The app is not installed on this shop." },
    });

    standin.state.install(outlet.domain, "read_products");
    const first = await post({ ...exchange, subject_token: token });
    const refresh = {
      client_id: apiKey,
      client_secret: apiSecret,
      grant_type: "refresh_token",
      refresh_token: first.body.refresh_token,
    };
    expect(await post(refresh)).toMatchObject({
      status: 200,
      body: { access_token: expect.stringMatching(/^shpat_/), refresh_token: expect.stringMatching(/^shprt_/) },
    });
    expect(await post(refresh)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  it("adds stores, and the down fault answers 503 everywhere but the control API", async () => {
    const store = {
      domain: "control-test.myshopify.com",
      name: "Control Test",
      email: "o@control.test",
      currencyCode: "EUR",
      ianaTimezone: "Europe/Paris",
      staff: [{ id: "555", email: "o@control.test", firstName: "O", lastName: "P", accountOwner: true }],
    };
    expect((await json("/standin/stores", { method: "POST", body: JSON.stringify(store) })).status).toBe(201);
    expect((await json("/standin/stores", { method: "POST", body: JSON.stringify({ domain: "nope" }) })).status).toBe(
      400,
    );
    expect(standin.state.stores.get(store.domain)).toMatchObject({ name: "Control Test" });

    expect((await json("/standin/faults", { method: "PUT", body: JSON.stringify({ down: true }) })).body).toEqual({
      faults: { down: true, throttle: false },
    });
    expect(
      (await fetch(`${running.url}/shops/${store.domain}/admin/oauth/access_token`, { method: "POST" })).status,
    ).toBe(503);
    expect((await fetch(`${running.url}/`)).status).toBe(503);
    expect((await json("/standin/faults", { method: "PUT", body: JSON.stringify({ down: false }) })).status).toBe(200);
    expect((await fetch(`${running.url}/`)).status).toBe(200);
  });

  it("a store's own faults reach only its requests, and its calls are counted apart", async () => {
    const exchange = (domain: string) =>
      fetch(`${running.url}/shops/${domain}/admin/oauth/access_token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ client_id: apiKey, client_secret: apiSecret, code: "no-such-code" }),
      });
    const [one, other] = [...standin.state.stores.keys()];
    const put = (faults: unknown) => json("/standin/faults", { method: "PUT", body: JSON.stringify(faults) });
    expect((await put({ down: true, shop: one })).status).toBe(200);
    try {
      expect((await exchange(one!)).status).toBe(503);
      expect((await fetch(`${running.url}/store/${one!.replace(".myshopify.com", "")}/apps/x`)).status).toBe(503);
      // The other store's request reaches the endpoint, which refuses the made-up code itself.
      expect((await exchange(other!)).status).toBe(400);
      expect((await fetch(`${running.url}/`)).status).toBe(200);
      expect((await put({ down: true, shop: "not a store" })).status).toBe(400);
      expect(standin.state.faults.down).toBe(false);
    } finally {
      await put({ down: false, shop: one });
    }
    const counted = async (domain?: string) =>
      (await json(`/standin/calls${domain ? `?shop=${domain}` : ""}`)).body as { calls: { authorizationCode: number } };
    const before = await counted();
    await exchange(other!);
    expect((await counted(other)).calls.authorizationCode).toBe(2);
    expect((await counted(one)).calls.authorizationCode).toBe(0);
    expect((await counted()).calls.authorizationCode).toBe(before.calls.authorizationCode + 1);
  });
});

describe("Shopify stand-in: orders and refunds", () => {
  it("refunds part of an order's line and sends refunds/create with the line item, variant and subtotal", async () => {
    const variant = DEMO_CATALOG[0]!.variants[0]!;
    const post = (path: string, body: unknown) =>
      json(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const placed = await post(`/standin/stores/${northwind.domain}/orders`, {
      email: "kai@example.com",
      lines: [{ variantId: variant.shopifyVariantId, quantity: 3 }],
    });
    expect(placed.status).toBe(201);
    const order = placed.body.order as { id: number; line_items: { id: number }[] };
    const lineItemId = String(order.line_items[0]!.id);

    const refundsPath = `/standin/stores/${northwind.domain}/orders/${order.id}/refunds`;
    expect((await post(refundsPath, { lines: [{ lineItemId, quantity: 4 }] })).status).toBe(422);
    const before = received.length;
    expect((await post(refundsPath, { lines: [{ lineItemId, quantity: 2 }] })).status).toBe(201);
    const webhook = received[before]!;
    expect(webhook.headers["x-shopify-topic"]).toBe("refunds/create");
    const refund = refundPayloadSchema.parse(JSON.parse(webhook.body));
    expect(refund).toMatchObject({ order_id: String(order.id) });
    expect(refund.refund_line_items).toMatchObject([
      {
        line_item_id: lineItemId,
        quantity: 2,
        subtotal_set: { shop_money: { amount: (Number(variant.price) * 2).toFixed(2) } },
        line_item: { variant_id: variant.shopifyVariantId },
      },
    ]);
  });
});

describe("Shopify stand-in: Admin GraphQL", () => {
  async function graphql(token: string, query: string) {
    const res = await fetch(`${running.url}/shops/${northwind.domain}/admin/api/2026-07/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": token },
      body: JSON.stringify({ query }),
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        data?: unknown;
        errors?: { message: string; extensions?: Record<string, unknown> }[];
        extensions?: { cost: Record<string, unknown> };
      },
    };
  }

  it("reports the cost on every answer, THROTTLED in Shopify's shape when the bucket is short, MAX_COST_EXCEEDED when it can never fit", async () => {
    const token = standin.state.issue(northwind.domain, "read_products", { online: false, expiring: true })
      .access_token as string;
    const ok = await graphql(token, "{ shop { name } }");
    expect(ok).toMatchObject({
      status: 200,
      body: {
        data: { shop: { name: northwind.name } },
        extensions: {
          cost: {
            requestedQueryCost: 1,
            actualQueryCost: 1,
            throttleStatus: { maximumAvailable: 2000, restoreRate: 100 },
          },
        },
      },
    });

    standin.state.setFaults({ throttle: true });
    try {
      const costly =
        "{ currentAppInstallation { activeSubscriptions { lineItems { plan { pricingDetails { __typename } } } } } }";
      expect((await graphql(token, costly)).body.data).toBeDefined();
      expect((await graphql(token, costly)).body.data).toBeDefined();
      const throttled = await graphql(token, costly);
      expect(throttled.status).toBe(200);
      expect(throttled.body.data).toBeUndefined();
      expect(throttled.body.errors).toEqual([
        {
          message: "Throttled",
          extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
        },
      ]);
      expect(throttled.body.extensions!.cost).toMatchObject({
        requestedQueryCost: 5,
        actualQueryCost: null,
        throttleStatus: { maximumAvailable: 10, restoreRate: 10 },
      });

      const tooBig =
        "{ a: currentAppInstallation { activeSubscriptions { lineItems { plan { pricingDetails { __typename } } } } } b: currentAppInstallation { activeSubscriptions { lineItems { plan { pricingDetails { __typename } } } } } c: shop { id } }";
      expect((await graphql(token, tooBig)).body.errors![0]!.extensions).toMatchObject({
        code: "MAX_COST_EXCEEDED",
        cost: 11,
        maxCost: 10,
      });
    } finally {
      standin.state.setFaults({ throttle: false });
    }
  });

  it("answers an unknown field with Shopify's undefinedField error", async () => {
    const token = standin.state.issue(northwind.domain, "read_products", { online: false, expiring: true })
      .access_token as string;
    expect((await graphql(token, "{ shop { name planName } }")).body).toEqual({
      errors: [
        {
          message: "Field 'planName' doesn't exist on type 'Shop'",
          locations: [{ line: 1, column: 15 }],
          extensions: { code: "undefinedField", typeName: "Shop", fieldName: "planName" },
        },
      ],
    });
  });
});
