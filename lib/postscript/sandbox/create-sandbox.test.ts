import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createSandbox } from "@/lib/postscript/sandbox/create-sandbox";

const KEY = "sk_sandbox_sandboxtest_0001";
const sandbox = createSandbox({ seed: 7 });

function api(path: string, init: RequestInit & { key?: string | null } = {}) {
  const { key = KEY, headers, ...rest } = init;
  return sandbox.app.request(`/api/v2${path}`, {
    ...rest,
    headers: {
      ...(key === null ? {} : { Authorization: `Bearer ${key}` }),
      "Content-Type": "application/json",
      ...headers,
    },
  });
}

function control(path: string, method: string, body?: unknown) {
  return sandbox.app.request(`/sandbox${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function postEvent(body: unknown, key = KEY) {
  return api("/events", { method: "POST", body: JSON.stringify(body), key });
}

async function createSubscriber(phone: string, key = KEY) {
  const response = await api("/subscribers", {
    method: "POST",
    key,
    body: JSON.stringify({ phone_number: phone, keyword: "RESTOCK", email: `${phone.slice(1)}@example.com` }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { subscriber_id: string }).subscriber_id;
}

afterEach(() => {
  sandbox.state.reset();
});

describe("auth", () => {
  it("answers 401 with a JSON body for a missing or malformed Authorization header", async () => {
    const missing = await api("/me", { key: null });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: expect.stringMatching(/Authorization/) });
    const malformed = await sandbox.app.request("/api/v2/me", { headers: { Authorization: `Token ${KEY}` } });
    expect(malformed.status).toBe(401);
  });

  it("tells a public key apart from other invalid keys", async () => {
    expect(await (await api("/me", { key: "pk_abcdefghijkl" })).json()).toEqual({
      error: "Public keys cannot be used with the API; use the private key (sk_)",
    });
    expect(await (await api("/me", { key: "sk_live_realkey123" })).json()).toEqual({ error: "Invalid API key" });
  });

  it("gives each key its own account", async () => {
    await api("/me");
    await api("/me", { key: "sk_sandbox_sandboxtest_0002" });
    const accounts = sandbox.state.snapshot().accounts;
    expect(accounts.map((account) => account.keyLast4)).toEqual(["0001", "0002"]);
    expect(new Set(accounts.map((account) => account.resourceId)).size).toBe(2);
  });
});

describe("documented shapes", () => {
  it("answers GET /keywords/{id} 404 with Postscript's body", async () => {
    const response = await api("/keywords/kw_missing");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error_code: 3001,
      error_message: "Could not find keyword matching that information",
      success: false,
    });
  });

  it("pages subscriber lookups and filters by phone", async () => {
    await createSubscriber("+15555550101");
    await createSubscriber("+15555550102");
    const response = await api(`/subscribers?phone_number__eq=${encodeURIComponent("+15555550102")}`);
    const body = (await response.json()) as {
      subscribers: { phone_number: string; subscriptions: unknown }[];
      page_info: unknown;
    };
    expect(body.page_info).toEqual({ page: 1, total_pages: 1 });
    expect(body.subscribers).toHaveLength(1);
    expect(body.subscribers[0]).toMatchObject({
      phone_number: "+15555550102",
      subscriptions: { promotional: { can_send: false }, transactional: { can_send: false } },
    });
  });

  it("requires a keyword when creating a subscriber", async () => {
    const response = await api("/subscribers", {
      method: "POST",
      body: JSON.stringify({ phone_number: "+15555550103" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ loc: ["body", "keyword"], msg: "keyword or keyword_id is required", type: "value_error.missing" }],
    });
  });

  it("rejects an invalid JSON body in the validation shape", async () => {
    const response = await api("/events", { method: "POST", body: "{nope" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ loc: ["body"], type: "value_error.jsondecode" }] });
  });

  it("answers an unknown API path with 404", async () => {
    expect((await api("/nothing-here")).status).toBe(404);
  });
});

describe("events", () => {
  it("validates like the real API", async () => {
    const cases: [unknown, string[]][] = [
      [{ type: "has space", phone: "+15555550123" }, ["body", "type"]],
      [{ type: "x".repeat(256), phone: "+15555550123" }, ["body", "type"]],
      [{ type: "ok_type" }, ["body"]],
      [{ type: "ok_type", email: "a@b.test", properties: { list: [1, 2] } }, ["body", "properties", "list"]],
      [{ type: "ok_type", email: "a@b.test", properties: { gone: null } }, ["body", "properties", "gone"]],
      [{ type: "ok_type", email: "a@b.test", occurred_at: "2024-05-01T14:03:00Z" }, ["body", "occurred_at"]],
      [{ type: "ok_type", email: "a@b.test", occurred_at: "2024-02-30 10:00:00" }, ["body", "occurred_at"]],
      [
        {
          type: "ok_type",
          email: "a@b.test",
          properties: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])),
        },
        ["body", "properties"],
      ],
    ];
    for (const [body, loc] of cases) {
      const response = await postEvent(body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const { errors } = (await response.json()) as { errors: { loc: unknown[]; msg: string; type: string }[] };
      expect(errors[0]?.loc).toEqual(loc);
      expect(errors[0]?.msg.length).toBeGreaterThan(0);
    }
    expect(sandbox.state.inbox()).toEqual([]);
  });

  it("accepts a minimal event and the full documented body", async () => {
    const minimal = await postEvent({ type: "a", subscriber_id: "sub_unknown" });
    expect(minimal.status).toBe(202);
    expect(await minimal.json()).toEqual({ event_ids: [expect.stringMatching(/^evt_[0-9a-f]{32}$/)] });
    const full = await postEvent({
      type: "preorder_sms_confirmed",
      phone: "+15555550123",
      email: "a@b.test",
      occurred_at: "2024-05-01 14:03:00.123456",
      properties: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i % 2 ? "v" : true])),
      external_id: "po-1",
    });
    expect(full.status).toBe(202);
    expect(sandbox.state.inbox().map((entry) => [entry.type, entry.notTextedReason])).toEqual([
      ["preorder_sms_confirmed", "no matching subscriber"],
      ["a", "no matching subscriber"],
    ]);
  });

  it("registers an event type on first sight and counts it", async () => {
    await postEvent({ type: "order_editing_started", email: "x@y.test" });
    await postEvent({ type: "order_editing_started", email: "x@y.test" });
    await postEvent({ type: "order_editing_saved", email: "x@y.test" });
    const [account] = sandbox.state.snapshot().accounts;
    expect(account?.eventTypes.map(({ type, count, flowTriggerName }) => ({ type, count, flowTriggerName }))).toEqual([
      { type: "order_editing_started", count: 2, flowTriggerName: "[Sandbox shop 0001] - order_editing_started" },
      { type: "order_editing_saved", count: 1, flowTriggerName: "[Sandbox shop 0001] - order_editing_saved" },
    ]);
  });

  it("matches subscriber_id first, then phone, then email", async () => {
    const first = await createSubscriber("+15555550111");
    const second = await createSubscriber("+15555550112");
    sandbox.state.optIn(KEY, "+15555550111");

    await postEvent({ type: "t", subscriber_id: second, phone: "+15555550111" });
    await postEvent({ type: "t", subscriber_id: "sub_gone", phone: "+15555550111", email: "15555550112@example.com" });
    await postEvent({ type: "t", email: "15555550112@EXAMPLE.com" });
    await postEvent({ type: "t", phone: "+15555550999" });

    expect(
      sandbox.state
        .inbox()
        .reverse()
        .map((entry) => entry.matchedSubscriber?.id ?? null),
    ).toEqual([second, first, second, null]);
  });

  it("texts an opted-in subscriber, and not after they unsubscribe or are redacted", async () => {
    await createSubscriber("+15555550121");
    const optIn = await control("/subscribers/opt-in", "POST", { apiKey: KEY, phone: "+15555550121" });
    expect(optIn.status).toBe(200);
    expect(await optIn.json()).toMatchObject({ optInState: "opted_in" });

    const properties = { shop_name: "Shop", title_incl_variant: "Cap", purchase_link: "https://s.test/c" };
    await postEvent({ type: "back_in_stock_sms_reminder", phone: "+15555550121", properties });
    expect(sandbox.state.inbox()[0]?.wouldText).toBe(
      "Shop: Reminder, Cap is back in stock and selling fast. https://s.test/c",
    );

    const unsubscribed = await api("/compliance/unsubscribe", {
      method: "PATCH",
      body: JSON.stringify({ phone_number: "+15555550121" }),
    });
    expect(unsubscribed.status).toBe(202);
    await postEvent({ type: "back_in_stock_sms_reminder", phone: "+15555550121", properties });
    expect(sandbox.state.inbox()[0]).toMatchObject({ wouldText: null, notTextedReason: "subscriber has opted out" });

    const redacted = await api("/compliance/redact", {
      method: "PATCH",
      body: JSON.stringify({ phone_number: "+15555550121" }),
    });
    expect(redacted.status).toBe(202);
    expect(sandbox.state.account(KEY)?.subscribers).toEqual([]);
  });

  it("renders a generic text for unknown types and keeps missing placeholders visible", async () => {
    const id = await createSubscriber("+15555550131");
    sandbox.state.optIn(KEY, "+15555550131");
    await postEvent({ type: "custom_thing", subscriber_id: id, properties: { a: 1, b: "two" } });
    await postEvent({ type: "order_editing_saved", subscriber_id: id, properties: { shop_name: "S" } });
    expect(sandbox.state.inbox().map((entry) => entry.wouldText)).toEqual([
      "S: Your changes to order {order_name} are saved.",
      "[custom_thing] a=1, b=two",
    ]);
  });
});

describe("rate limit", () => {
  it("answers past the limit with Postscript's exact 429 and no Retry-After, and counts them", async () => {
    sandbox.state.setRateLimit(5);
    const responses = await Promise.all(Array.from({ length: 8 }, () => api("/me")));
    const limited = responses.filter((response) => response.status === 429);
    expect(limited).toHaveLength(3);
    expect(await limited[0]?.text()).toBe('{"error_code":3002,"error_message":"Rate limit exceeded","success":false}');
    expect(limited[0]?.headers.get("retry-after")).toBeNull();
    expect(sandbox.state.account(KEY)?.rateLimited429Count).toBe(3);
  });

  it("slides: capacity returns after a second", async () => {
    sandbox.state.setRateLimit(2);
    expect((await Promise.all([api("/me"), api("/me"), api("/me")])).map((r) => r.status)).toEqual([200, 200, 429]);
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect((await api("/me")).status).toBe(200);
  });

  it("is configurable over HTTP and validated", async () => {
    expect((await control("/rate-limit", "PUT", { perSecond: 0 })).status).toBe(400);
    const response = await control("/rate-limit", "PUT", { perSecond: 1 });
    expect(await response.json()).toEqual({ perSecond: 1 });
    expect((await api("/me")).status).toBe(200);
    expect((await api("/me")).status).toBe(429);
  });
});

describe("faults", () => {
  it("repeats the same injected failures for the same seed", async () => {
    const run = async () => {
      await control("/faults", "PUT", { share500: 0.5, seed: 1234 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await api("/me")).status);
      return statuses;
    };
    const first = await run();
    sandbox.state.reset();
    const second = await run();
    expect(first).toEqual(second);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  it("down answers 503 with a plain-text body, but leaves the control API up", async () => {
    await control("/faults", "PUT", { down: true });
    const response = await api("/me");
    expect(response.status).toBe(503);
    expect(await response.text()).toBe("503 Service Temporarily Unavailable");
    expect((await control("/state", "GET")).status).toBe(200);
  });

  it("accept then drop: reads the request, records nothing, never answers and closes the connection later", async () => {
    const running = await sandbox.listen(0);
    try {
      sandbox.state.setFaults({ dropConnections: true, dropAfterMs: 50 });
      const sent = fetch(`${running.apiBaseUrl}/events`, {
        method: "POST",
        headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
        body: JSON.stringify({ type: "dropped_event", phone: "+14155552671", external_id: "dropped-1" }),
      });
      await expect(sent).rejects.toThrow();
      expect(sandbox.state.inbox({ type: "dropped_event" })).toEqual([]);
      // The control API stays up, so a test can end the outage.
      expect(
        (
          await fetch(`${running.url}/sandbox/faults`, {
            method: "PUT",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ dropConnections: false }),
          })
        ).status,
      ).toBe(200);
      const after = await fetch(`${running.apiBaseUrl}/me`, { headers: { Authorization: `Bearer ${KEY}` } });
      expect(after.status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it("a key's own faults reach only that key, Postscript's and Klaviyo's alike, and leave everyone's alone", async () => {
    const other = "sk_sandbox_sandboxtest_0002";
    const klaviyo = (key: string) =>
      sandbox.app.request("/klaviyo/api/accounts", {
        headers: { Authorization: `Klaviyo-API-Key ${key}`, revision: "2025-10-15" },
      });
    expect((await control("/faults", "PUT", { down: true, keyLast4: "0001" })).status).toBe(200);
    // A second key's faults, set meanwhile (another test sharing the sandbox), do not undo the first's.
    expect((await control("/faults", "PUT", { share500: 1, keyLast4: "0004" })).status).toBe(200);
    expect((await api("/me")).status).toBe(503);
    expect((await api("/me", { key: other })).status).toBe(200);
    expect((await api("/me", { key: "sk_sandbox_sandboxtest_0004" })).status).toBe(500);
    expect((await klaviyo("pk_sandbox_scoped_0001")).status).toBe(503);
    expect((await klaviyo("pk_sandbox_scoped_0003")).status).toBe(200);
    expect(sandbox.state.faults.down).toBe(false);
    const page = await (await sandbox.app.request("/sandbox")).text();
    expect(page).toContain("key …0001: DOWN (its API requests get 503)");
    expect(page).toContain("key …0004: 429 share 0, 500 share 1");

    await control("/faults", "PUT", { down: false, keyLast4: "0001" });
    expect((await api("/me")).status).toBe(200);
    expect((await control("/faults", "PUT", { down: true, keyLast4: "01" })).status).toBe(400);
    expect((await api("/me")).status).toBe(200);
  });

  it("accept then drop for one key answers the other keys", async () => {
    const running = await sandbox.listen(0);
    try {
      sandbox.state.setFaults({ dropConnections: true, dropAfterMs: 50, keyLast4: "0001" });
      const me = (key: string) => fetch(`${running.apiBaseUrl}/me`, { headers: { Authorization: `Bearer ${key}` } });
      await expect(me(KEY)).rejects.toThrow();
      expect((await me("sk_sandbox_sandboxtest_0002")).status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it("rejects out-of-range fault settings", async () => {
    expect((await control("/faults", "PUT", { share429: 2 })).status).toBe(400);
    expect((await control("/faults", "PUT", { slowMs: -1 })).status).toBe(400);
    expect((await control("/faults", "PUT", { down: "yes" })).status).toBe(400);
    expect(sandbox.state.faults).toEqual({
      share429: 0,
      share500: 0,
      slowShare: 0,
      slowMs: 0,
      down: false,
      dropConnections: false,
      dropAfterMs: 0,
    });
  });
});

describe("control API", () => {
  it("adds and deletes keywords for an account", async () => {
    const added = await control("/keywords", "POST", { apiKey: KEY, keyword: "summer" });
    expect(added.status).toBe(201);
    const keyword = (await added.json()) as { id: string; keyword: string };
    expect(keyword.keyword).toBe("SUMMER");
    expect((await control("/keywords", "POST", { apiKey: KEY, keyword: "Summer" })).status).toBe(409);
    expect((await api(`/keywords/${keyword.id}`)).status).toBe(200);

    expect((await control(`/keywords/${keyword.id}`, "DELETE", { apiKey: KEY })).status).toBe(204);
    expect((await api(`/keywords/${keyword.id}`)).status).toBe(404);
    expect((await control(`/keywords/${keyword.id}`, "DELETE", { apiKey: KEY })).status).toBe(404);
  });

  it("refuses control calls for keys that are not usable sandbox keys", async () => {
    const response = await control("/keywords", "POST", { apiKey: "pk_abcdefghijkl", keyword: "X" });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).not.toContain("pk_abcdefghijkl");
  });

  it("answers 404 when opting in a phone that never subscribed", async () => {
    expect((await control("/subscribers/opt-in", "POST", { apiKey: KEY, phone: "+15555550000" })).status).toBe(404);
  });

  it("filters the inbox by key last 4 and type", async () => {
    await postEvent({ type: "a_type", email: "x@y.test" });
    await postEvent({ type: "b_type", email: "x@y.test" });
    await postEvent({ type: "a_type", email: "x@y.test" }, "sk_sandbox_sandboxtest_0009");
    const byKey = (await (await control("/inbox?key_last4=0001", "GET")).json()) as { events: { type: string }[] };
    expect(byKey.events.map((event) => event.type)).toEqual(["b_type", "a_type"]);
    const byType = (await (await control("/inbox?type=a_type", "GET")).json()) as { events: { keyLast4: string }[] };
    expect(byType.events.map((event) => event.keyLast4)).toEqual(["0009", "0001"]);
  });

  it("reset forgets accounts and events", async () => {
    await postEvent({ type: "a_type", email: "x@y.test" });
    expect((await control("/reset", "POST")).status).toBe(204);
    expect(await (await control("/state", "GET")).json()).toEqual({
      rateLimitPerSecond: 15,
      faults: {
        share429: 0,
        share500: 0,
        slowShare: 0,
        slowMs: 0,
        down: false,
        dropConnections: false,
        dropAfterMs: 0,
      },
      keyFaults: {},
      accounts: [],
      inboxCount: 0,
      klaviyo: { burstPerSecond: 350, steadyPerMinute: 3500, accounts: [], events: [] },
    });
  });

  it("renders an escaped HTML page that forbids scripts", async () => {
    await postEvent({
      type: "back_in_stock_sms_alert",
      email: "x@y.test",
      properties: { shop_name: "<script>alert(1)</script>", title_incl_variant: `Tee "M" & 'L'` },
    });
    const response = await control("", "GET");
    const html = await response.text();
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("Tee &quot;M&quot; &amp; &#39;L&#39;");
    expect(html).toContain("back_in_stock_sms_alert");
    expect(html).toContain("no matching subscriber");
    expect(html).not.toContain(KEY);
  });
});

describe("listen and cli", () => {
  it("serves over HTTP on a random port and closes", async () => {
    const running = await sandbox.listen(0);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.apiBaseUrl).toBe(`${running.url}/api/v2`);
    expect(running.klaviyoApiBaseUrl).toBe(`${running.url}/klaviyo/api`);
    const response = await fetch(`${running.apiBaseUrl}/me`, { headers: { Authorization: `Bearer ${KEY}` } });
    expect(await response.json()).toMatchObject({ resource_type: "shop", resource_name: "Sandbox shop 0001" });
    await running.close();
    await expect(fetch(`${running.apiBaseUrl}/me`)).rejects.toThrow();
  });

  it("starts from the command line, prints its URL and demo key, and exits cleanly on SIGTERM", async () => {
    const cli = fileURLToPath(new URL("./cli.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", cli, "--port", "0"], {
      cwd: fileURLToPath(new URL("../../..", import.meta.url)),
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const [chunk] = (await once(child.stdout, "data")) as [Buffer];
      const line = chunk.toString();
      expect(line).toMatch(/^Postscript sandbox at http:\/\/127\.0\.0\.1:\d+ .*demo key sk_sandbox_demo_key_0001\n$/);
      const url = /at (http:\/\/\S+) /.exec(line)?.[1];
      const response = await fetch(`${url}/api/v2/me`, {
        headers: { Authorization: "Bearer sk_sandbox_demo_key_0001" },
      });
      expect(response.status).toBe(200);
      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
