import { afterEach, describe, expect, it } from "vitest";
import { createSandbox } from "@/lib/postscript/sandbox/create-sandbox";

const KEY = "pk_sandbox_klaviyotest_0001";
const REVISION = "2025-10-15";
const JSON_API = "application/vnd.api+json";
const sandbox = createSandbox({ seed: 11 });

type ErrorBody = {
  errors: { status: number; code: string; title: string; detail: string; source: Record<string, string> }[];
};

function klaviyo(path: string, init: RequestInit & { key?: string | null; revision?: string | null } = {}) {
  const { key = KEY, revision = REVISION, headers, ...rest } = init;
  return sandbox.app.request(`/klaviyo/api${path}`, {
    ...rest,
    headers: {
      ...(key === null ? {} : { Authorization: `Klaviyo-API-Key ${key}` }),
      ...(revision === null ? {} : { revision }),
      Accept: JSON_API,
      "Content-Type": JSON_API,
      ...headers,
    },
  });
}

function event(
  overrides: {
    metric?: string;
    email?: string | null;
    phone?: string | null;
    uniqueId?: string | null;
    properties?: unknown;
    time?: string;
  } = {},
) {
  const {
    metric = "Order Editing Started",
    email = "ada@example.com",
    phone = null,
    uniqueId = "evt-1",
    properties = { order_name: "#1001" },
    time,
  } = overrides;
  return {
    data: {
      type: "event",
      attributes: {
        properties,
        ...(time ? { time } : {}),
        ...(uniqueId === null ? {} : { unique_id: uniqueId }),
        metric: { data: { type: "metric", attributes: { name: metric } } },
        profile: {
          data: {
            type: "profile",
            attributes: { ...(email ? { email } : {}), ...(phone ? { phone_number: phone } : {}) },
          },
        },
      },
    },
  };
}

function postEvent(body: unknown, init: Parameters<typeof klaviyo>[1] = {}) {
  return klaviyo("/events", { method: "POST", body: JSON.stringify(body), ...init });
}

async function errorsOf(response: Response) {
  expect(response.headers.get("content-type")).toContain(JSON_API);
  return ((await response.json()) as ErrorBody).errors;
}

afterEach(() => {
  sandbox.state.reset();
});

describe("auth and revision", () => {
  it("answers 401 without the Klaviyo-API-Key scheme, and for keys that are not sandbox private keys", async () => {
    const missing = await klaviyo("/accounts", { key: null });
    expect(missing.status).toBe(401);
    expect((await errorsOf(missing))[0]).toMatchObject({ status: 401, code: "not_authenticated" });
    const bearer = await sandbox.app.request("/klaviyo/api/accounts", {
      headers: { Authorization: `Bearer ${KEY}`, revision: REVISION },
    });
    expect(bearer.status).toBe(401);
    for (const key of [
      "pk_live_0123456789abcdef0123456789abcdef01",
      "AbC123",
      "sk_sandbox_postscript_0001",
      "pk_sandbox_x",
    ]) {
      const response = await klaviyo("/accounts", { key });
      expect(response.status, key).toBe(401);
      expect((await errorsOf(response))[0]).toMatchObject({
        code: "authentication_failed",
        detail: "Incorrect authentication credentials.",
      });
    }
  });

  it("answers 403 for a key without the scopes", async () => {
    const response = await klaviyo("/accounts", { key: "pk_sandbox_noperm_00000001" });
    expect(response.status).toBe(403);
    expect((await errorsOf(response))[0]).toMatchObject({
      code: "permission_denied",
      detail: expect.stringMatching(/scopes/),
    });
  });

  it.each([
    ["missing", null, /revision header is required/],
    ["malformed", "15-10-2025", /expected a date/],
    ["impossible", "2025-02-30", /no API revision/],
    ["in the future", "2999-01-01", /no API revision/],
  ])("refuses a %s revision header with 400", async (_label, revision, detail) => {
    const response = await klaviyo("/accounts", { revision });
    expect(response.status).toBe(400);
    const [error] = await errorsOf(response);
    expect(error).toMatchObject({ status: 400, code: "invalid", source: { header: "revision" } });
    expect(error!.detail).toMatch(detail);
  });

  it("accepts a beta revision suffix", async () => {
    expect((await klaviyo("/accounts", { revision: "2024-10-15.pre" })).status).toBe(200);
  });
});

describe("GET /accounts", () => {
  it("returns the key's account as JSON:API, with and without the trailing slash", async () => {
    for (const path of ["/accounts", "/accounts/"]) {
      const response = await klaviyo(path);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain(JSON_API);
      const body = (await response.json()) as {
        data: { type: string; id: string; attributes: { contact_information: { organization_name: string } } }[];
      };
      expect(body.data).toHaveLength(1);
      expect(body.data[0]).toMatchObject({
        type: "account",
        attributes: { contact_information: { organization_name: "Klaviyo sandbox store 0001" } },
      });
      expect(body.data[0]!.id).toMatch(/^[A-Za-z0-9]{6}$/);
    }
    expect(sandbox.state.klaviyo.snapshot().accounts).toHaveLength(1);
  });

  it("gives each key its own account", async () => {
    await klaviyo("/accounts");
    await klaviyo("/accounts", { key: "pk_sandbox_klaviyotest_0002" });
    const accounts = sandbox.state.klaviyo.snapshot().accounts;
    expect(accounts.map((account) => account.keyLast4)).toEqual(["0001", "0002"]);
    expect(new Set(accounts.map((account) => account.accountId)).size).toBe(2);
  });

  it("answers an unknown path with a JSON:API 404", async () => {
    const response = await klaviyo("/profiles");
    expect(response.status).toBe(404);
    expect((await errorsOf(response))[0]).toMatchObject({ code: "not_found" });
  });
});

describe("POST /events", () => {
  it("accepts a valid event with 202 and no body, and records it", async () => {
    for (const path of ["/events", "/events/"]) {
      const response = await klaviyo(path, { method: "POST", body: JSON.stringify(event({ uniqueId: path })) });
      expect(response.status).toBe(202);
      expect(await response.text()).toBe("");
    }
    const [latest, first] = sandbox.state.klaviyo.events();
    expect(first).toMatchObject({
      keyLast4: "0001",
      metric: "Order Editing Started",
      profile: { email: "ada@example.com", phoneNumber: null },
      properties: { order_name: "#1001" },
      uniqueId: "/events",
      time: null,
    });
    expect(latest?.uniqueId).toBe("/events/");
    expect(latest?.profile.id).toBe(first?.profile.id);
  });

  it("also accepts Content-Type application/json, but not other media types", async () => {
    expect((await postEvent(event(), { headers: { "Content-Type": "application/json" } })).status).toBe(202);
    const text = await postEvent(event({ uniqueId: "2" }), { headers: { "Content-Type": "text/plain" } });
    expect(text.status).toBe(415);
    expect((await errorsOf(text))[0]).toMatchObject({ code: "unsupported_media_type" });
  });

  it.each([
    ["not JSON", "{nope", "/data/", /JSON parse error/],
    ["a wrong data.type", { data: { ...event().data, type: "events" } }, "/data/type", /"event"/],
    [
      "no properties",
      { data: { type: "event", attributes: { ...event().data.attributes, properties: undefined } } },
      "/data/attributes/properties",
      /properties/,
    ],
    [
      "an empty metric name",
      event({ metric: " " }),
      "/data/attributes/metric/data/attributes/name",
      /metric name is required/,
    ],
    [
      "a too long metric name",
      event({ metric: "m".repeat(128) }),
      "/data/attributes/metric/data/attributes/name",
      /under 128/,
    ],
    [
      "a profile without identifiers",
      event({ email: null }),
      "/data/attributes/profile/data",
      /at least one identifier/,
    ],
    ["a bad email", event({ email: "not-an-email" }), "/data/attributes/profile/data/attributes/email", /valid email/],
    [
      "a non-E.164 phone",
      event({ email: null, phone: "555-0123" }),
      "/data/attributes/profile/data/attributes/phone_number",
      /E\.164/,
    ],
    ["a time without a zone", event({ time: "2025-05-01T14:03:00" }), "/data/attributes/time", /ISO 8601/],
    ["a time before 2000", event({ time: "1999-12-31T23:59:59Z" }), "/data/attributes/time", /after 2000/],
    [
      "too many properties",
      event({ properties: Object.fromEntries(Array.from({ length: 401 }, (_, i) => [`p${i}`, i])) }),
      "/data/attributes/properties",
      /at most 400/,
    ],
  ])("answers 400 with a JSON:API error for %s", async (_label, body, pointer, detail) => {
    const response = await postEvent(typeof body === "string" ? body : body, typeof body === "string" ? { body } : {});
    expect(response.status).toBe(400);
    const [error] = await errorsOf(response);
    expect(error?.source.pointer).toBe(pointer);
    expect(error?.detail).toMatch(detail);
    expect(sandbox.state.klaviyo.events()).toEqual([]);
  });

  it("keeps only the first event with the same unique_id for the same profile and metric, like Klaviyo", async () => {
    expect((await postEvent(event({ uniqueId: "same" }))).status).toBe(202);
    expect((await postEvent(event({ uniqueId: "same", properties: { order_name: "#2" } }))).status).toBe(202);
    // Same id but another metric, or another profile: separate events.
    await postEvent(event({ uniqueId: "same", metric: "Order Editing Saved" }));
    await postEvent(event({ uniqueId: "same", email: "grace@example.com" }));
    // The same person identified by another spelling of their email is still the same profile.
    await postEvent(event({ uniqueId: "same", email: "ADA@example.com" }));
    const events = sandbox.state.klaviyo.events().reverse();
    expect(events.map((e) => [e.metric, e.profile.email, e.properties])).toEqual([
      ["Order Editing Started", "ada@example.com", { order_name: "#1001" }],
      ["Order Editing Saved", "ada@example.com", { order_name: "#1001" }],
      ["Order Editing Started", "grace@example.com", { order_name: "#1001" }],
    ]);
    expect(sandbox.state.klaviyo.account(KEY)).toMatchObject({ duplicatesIgnored: 2 });
  });

  it("without a unique_id, de-duplicates on the time to the second", async () => {
    await postEvent(event({ uniqueId: null, time: "2025-05-01T14:03:00.100Z" }));
    await postEvent(event({ uniqueId: null, time: "2025-05-01T14:03:00.900Z" }));
    await postEvent(event({ uniqueId: null, time: "2025-05-01T14:03:01.000Z" }));
    expect(sandbox.state.klaviyo.events()).toHaveLength(2);
  });

  it("registers metrics and profiles, and exposes them and the events in the state and events JSON", async () => {
    await postEvent(event({ phone: "+15555550123", uniqueId: "a" }));
    await postEvent(event({ email: null, phone: "+15555550123", uniqueId: "b", metric: "Upsell Offers Available" }));
    const state = (await (await sandbox.app.request("/sandbox/state")).json()) as {
      klaviyo: { accounts: { profiles: unknown[]; metrics: { name: string; count: number }[] }[]; events: unknown[] };
    };
    expect(state.klaviyo.events).toHaveLength(2);
    expect(state.klaviyo.accounts[0]?.profiles).toHaveLength(1);
    expect(state.klaviyo.accounts[0]?.metrics.map(({ name, count }) => [name, count])).toEqual([
      ["Order Editing Started", 1],
      ["Upsell Offers Available", 1],
    ]);
    const filtered = (await (
      await sandbox.app.request("/sandbox/klaviyo/events?key_last4=0001&metric=Upsell%20Offers%20Available")
    ).json()) as { events: { uniqueId: string }[] };
    expect(filtered.events.map((e) => e.uniqueId)).toEqual(["b"]);
    expect(
      ((await (await sandbox.app.request("/sandbox/klaviyo/events?key_last4=9999")).json()) as { events: unknown[] })
        .events,
    ).toEqual([]);
  });
});

describe("limits and faults", () => {
  it("answers past the burst limit with 429, Retry-After in seconds and a throttled error, and counts them", async () => {
    sandbox.state.klaviyo.setRateLimit({ burstPerSecond: 3 });
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) => postEvent(event({ uniqueId: `burst-${i}` }))),
    );
    const limited = responses.filter((response) => response.status === 429);
    expect(limited).toHaveLength(2);
    expect(limited[0]?.headers.get("retry-after")).toBe("1");
    expect((await errorsOf(limited[0]!))[0]).toMatchObject({
      code: "throttled",
      detail: "Request was throttled. Expected available in 1 second.",
    });
    expect(sandbox.state.klaviyo.account(KEY)?.rateLimited429Count).toBe(2);
    expect(sandbox.state.klaviyo.events()).toHaveLength(3);
  });

  it("enforces the steady limit per minute with a longer Retry-After", async () => {
    sandbox.state.klaviyo.setRateLimit({ steadyPerMinute: 2 });
    await klaviyo("/accounts");
    await klaviyo("/accounts");
    const limited = await klaviyo("/accounts");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(50);
  });

  it("defaults to Klaviyo's documented 350/s burst, and the limits are configurable over HTTP and validated", async () => {
    const control = (body: unknown) =>
      sandbox.app.request("/sandbox/klaviyo/rate-limit", {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    expect(sandbox.state.klaviyo.snapshot()).toMatchObject({ burstPerSecond: 350, steadyPerMinute: 3500 });
    expect((await control({ burstPerSecond: 0 })).status).toBe(400);
    expect(await (await control({ burstPerSecond: 1 })).json()).toEqual({ burstPerSecond: 1, steadyPerMinute: 3500 });
    expect((await klaviyo("/accounts")).status).toBe(200);
    expect((await klaviyo("/accounts")).status).toBe(429);
  });

  it("shares the fault injection: down gives a plain 503, share500 a JSON:API 500", async () => {
    sandbox.state.setFaults({ down: true });
    const down = await klaviyo("/accounts");
    expect(down.status).toBe(503);
    expect(await down.text()).toBe("503 Service Temporarily Unavailable");
    sandbox.state.setFaults({ down: false, share500: 1 });
    const failing = await postEvent(event());
    expect(failing.status).toBe(500);
    expect((await errorsOf(failing))[0]).toMatchObject({ status: 500 });
    expect(sandbox.state.klaviyo.events()).toEqual([]);
  });

  it("reset forgets Klaviyo accounts, events and limits too", async () => {
    sandbox.state.klaviyo.setRateLimit({ burstPerSecond: 5 });
    await postEvent(event());
    sandbox.state.reset();
    expect(sandbox.state.klaviyo.snapshot()).toEqual({
      burstPerSecond: 350,
      steadyPerMinute: 3500,
      accounts: [],
      events: [],
    });
  });
});

describe("the inbox page", () => {
  it("lists Klaviyo events marked Klaviyo, escaped, and never the key", async () => {
    await postEvent(
      event({
        metric: "Upsell Offers Available",
        properties: { product: "<script>alert(1)</script>", offer: { price: "24.00" } },
      }),
    );
    const html = await (await sandbox.app.request("/sandbox")).text();
    expect(html).toContain("Klaviyo events (1)");
    expect(html).toContain('<span class="klaviyo">Klaviyo</span> Upsell Offers Available');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("{&quot;price&quot;:&quot;24.00&quot;}");
    expect(html).toContain("Klaviyo sandbox store 0001");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain(KEY);
    expect(JSON.stringify(sandbox.state.snapshot())).not.toContain(KEY);
  });
});
