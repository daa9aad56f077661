import { createServer, type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPostscriptClient, type PostscriptClientOptions } from "@/lib/postscript/postscript-client";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import { createSandbox, type RunningSandbox } from "@/lib/postscript/sandbox/create-sandbox";

const sandbox = createSandbox({ seed: 42 });
let running: RunningSandbox;
let keyCounter = 0;
/** Every key the tests used, so the leak check can look for all of them. */
const usedKeys: string[] = [];

/** A fresh sandbox account per test keeps the per-key rate limit of one test from touching another. */
function freshKey(prefix = "sk_sandbox_test_"): string {
  keyCounter++;
  const key = `${prefix}${String(keyCounter).padStart(8, "0")}`;
  usedKeys.push(key);
  return key;
}

function client(apiKey: string, extra: Partial<PostscriptClientOptions> = {}) {
  return createPostscriptClient({ apiKey, baseUrl: running.apiBaseUrl, ...extra });
}

async function caught(promise: Promise<unknown>): Promise<PostscriptError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof PostscriptError)) throw new Error(`expected a PostscriptError, got ${String(error)}`);
  return error;
}

function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** A fetch stand-in that records each call and answers from `answer`. */
function fakeFetch(answer: (url: URL, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: URL; init: RequestInit }[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    calls.push({ url, init: init ?? {} });
    return answer(url, init ?? {});
  }) as typeof fetch;
  return { fetchImpl, calls };
}

beforeAll(async () => {
  running = await sandbox.listen(0);
});

afterAll(async () => {
  await running.close();
});

afterEach(() => {
  sandbox.state.setFaults({ share429: 0, share500: 0, slowShare: 0, slowMs: 0, down: false });
  sandbox.state.setRateLimit(15);
});

describe("keys", () => {
  it("getMe returns the sandbox shop for a valid key", async () => {
    const key = freshKey();
    const me = await client(key).getMe();
    expect(me).toEqual({
      resourceId: sandbox.state.account(key)?.resourceId,
      resourceName: `Sandbox shop ${key.slice(-4)}`,
      resourceType: "shop",
    });
    expect(me.resourceId).toMatch(/^shop_[0-9a-f]{16}$/);
  });

  it("derives the same shop id for the same key", async () => {
    const key = freshKey();
    const first = await client(key).getMe();
    const other = createSandbox();
    const otherRunning = await other.listen(0);
    try {
      const again = await createPostscriptClient({ apiKey: key, baseUrl: otherRunning.apiBaseUrl }).getMe();
      expect(again.resourceId).toBe(first.resourceId);
    } finally {
      await otherRunning.close();
    }
  });

  it.each([
    ["a public key", "pk_live_abcdefgh12345678"],
    ["garbage", "not-a-key"],
    ["a too short sandbox key", "sk_sandbox_abc"],
  ])("rejects %s as invalid_key", async (_label, key) => {
    usedKeys.push(key);
    const error = await caught(client(key).getMe());
    expect(error.kind).toBe("invalid_key");
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/did not accept the API key/);
  });

  it("maps a key without permission to forbidden", async () => {
    const key = freshKey("sk_sandbox_noperm_");
    const error = await caught(client(key).getMe());
    expect(error.kind).toBe("forbidden");
    expect(error.status).toBe(403);
    expect(error.postscriptMessage).toMatch(/permission/);
  });

  it("sends the bearer key and JSON headers", async () => {
    const { fetchImpl, calls } = fakeFetch(() =>
      jsonResponse({ resource_id: 7, resource_name: "S", resource_type: "shop" }),
    );
    const me = await createPostscriptClient({
      apiKey: "sk_x",
      baseUrl: "https://ps.test/api/v2/",
      fetch: fetchImpl,
    }).getMe();
    expect(me.resourceId).toBe("7");
    expect(calls[0]?.url.toString()).toBe("https://ps.test/api/v2/me");
    expect(calls[0]?.init.headers).toEqual({ Authorization: "Bearer sk_x", Accept: "application/json" });
  });
});

describe("keywords", () => {
  it("lists the demo keywords", async () => {
    const keywords = await client(freshKey()).listKeywords();
    expect(keywords.map((keyword) => keyword.keyword)).toEqual(["RESTOCK", "VIP", "WELCOME"]);
    for (const keyword of keywords) {
      expect(keyword.id).toMatch(/^kw_/);
      expect(keyword.triggeredCount).toBe(0);
      expect(Number.isNaN(Date.parse(keyword.createdAt))).toBe(false);
    }
  });

  it("lists nothing for a nokeywords account, and a keyword added later", async () => {
    const key = freshKey("sk_sandbox_nokeywords_");
    expect(await client(key).listKeywords()).toEqual([]);
    sandbox.state.addKeyword(key, "drop");
    expect((await client(key).listKeywords()).map((keyword) => keyword.keyword)).toEqual(["DROP"]);
  });

  it("follows page_info until the last page", async () => {
    const keyword = (n: number) => ({
      id: `kw_${n}`,
      keyword: `K${n}`,
      triggered_count: n,
      created_at: "2024-01-01T00:00:00Z",
      updated_at: "2024-01-02T00:00:00Z",
    });
    const pages: Record<string, unknown> = {
      "1": { keywords: [keyword(1), keyword(2)], page_info: { page: 1, total_pages: 3 } },
      "2": { keywords: [keyword(3)], page_info: { page: 2, total_pages: 3 } },
      "3": { keywords: [keyword(4)], page_info: { page: 3, total_pages: 3 } },
    };
    const { fetchImpl, calls } = fakeFetch((url) => jsonResponse(pages[url.searchParams.get("page") ?? "1"]));
    const keywords = await createPostscriptClient({
      apiKey: "sk_x",
      baseUrl: "https://ps.test/api/v2",
      fetch: fetchImpl,
    }).listKeywords();
    expect(keywords.map((k) => k.id)).toEqual(["kw_1", "kw_2", "kw_3", "kw_4"]);
    expect(keywords[3]).toEqual({
      id: "kw_4",
      keyword: "K4",
      triggeredCount: 4,
      createdAt: "2024-01-01T00:00:00Z",
      updatedAt: "2024-01-02T00:00:00Z",
    });
    expect(calls.map((call) => call.url.search)).toEqual(["", "?page=2", "?page=3"]);
  });

  it("stops paging at 100 pages", async () => {
    const { fetchImpl, calls } = fakeFetch((url) => {
      const page = Number(url.searchParams.get("page") ?? "1");
      return jsonResponse({
        keywords: [{ id: `kw_${page}`, keyword: `K${page}` }],
        page_info: { page, total_pages: 1_000 },
      });
    });
    const keywords = await createPostscriptClient({
      apiKey: "sk_x",
      baseUrl: "https://ps.test",
      fetch: fetchImpl,
    }).listKeywords();
    expect(calls).toHaveLength(100);
    expect(keywords).toHaveLength(100);
  });

  it("gets one keyword and answers null for an unknown id", async () => {
    const key = freshKey();
    const api = client(key);
    const [first] = await api.listKeywords();
    expect(first).toBeDefined();
    expect(await api.getKeyword(first?.id ?? "")).toEqual(first);
    expect(await api.getKeyword("kw_doesnotexist")).toBeNull();
  });
});

describe("upsertSubscriber", () => {
  it("creates a pending subscriber, then updates the same one", async () => {
    const key = freshKey();
    const api = client(key);
    const [restock] = await api.listKeywords();
    const created = await api.upsertSubscriber({
      phoneNumber: "+15555550123",
      keywordId: restock?.id,
      origin: "website",
      tags: ["waitlist"],
      properties: { source: "storefront" },
    });
    expect(created.created).toBe(true);
    expect(created.id).toMatch(/^sub_/);

    const updated = await api.upsertSubscriber({
      phoneNumber: "+15555550123",
      email: "ada@example.com",
      keyword: "RESTOCK",
      properties: { vip: true },
    });
    expect(updated).toEqual({ id: created.id, created: false });

    const [subscriber, ...others] = sandbox.state.account(key)?.subscribers ?? [];
    expect(others).toHaveLength(0);
    expect(subscriber).toMatchObject({
      id: created.id,
      phoneNumber: "+15555550123",
      email: "ada@example.com",
      optInState: "pending",
      tags: ["waitlist"],
      properties: { source: "storefront", vip: true },
    });
    expect(sandbox.state.account(key)?.keywords.find((k) => k.id === restock?.id)?.triggeredCount).toBe(1);
  });

  it("surfaces the sandbox's {errors:[…]} body for an invalid phone", async () => {
    const error = await caught(client(freshKey()).upsertSubscriber({ phoneNumber: "555-0123", keyword: "RESTOCK" }));
    expect(error.kind).toBe("rejected");
    expect(error.status).toBe(400);
    expect(error.postscriptMessage).toBe("phone_number: must be an E.164 phone number like +15555550123");
    expect(error.message).toBe(`Postscript rejected the request: ${error.postscriptMessage}`);
  });

  it("surfaces the sandbox's {error_code, error_message} body for an unknown keyword", async () => {
    const error = await caught(
      client(freshKey()).upsertSubscriber({ phoneNumber: "+15555550199", keywordId: "kw_nope" }),
    );
    expect(error.kind).toBe("rejected");
    expect(error.postscriptMessage).toBe("Could not find keyword matching that information");
  });

  it("surfaces an {error} body (not produced by the sandbox)", async () => {
    const { fetchImpl } = fakeFetch((url, init) =>
      init.method === "POST"
        ? jsonResponse({ error: "Subscriber is blocked" }, 400)
        : jsonResponse({ subscribers: [], page_info: { page: 1, total_pages: 1 } }),
    );
    const api = createPostscriptClient({ apiKey: "sk_x", baseUrl: "https://ps.test", fetch: fetchImpl });
    const error = await caught(api.upsertSubscriber({ phoneNumber: "+15555550123", keyword: "VIP" }));
    expect(error.kind).toBe("rejected");
    expect(error.postscriptMessage).toBe("Subscriber is blocked");
  });

  it("still creates when Postscript refuses or garbles the undocumented lookup", async () => {
    for (const lookup of [jsonResponse({ error: "unknown filter" }, 400), jsonResponse({ data: "?" })]) {
      const { fetchImpl, calls } = fakeFetch((url, init) =>
        init.method === "POST" ? jsonResponse({ subscriber_id: 12 }, 201) : lookup,
      );
      const api = createPostscriptClient({ apiKey: "sk_x", baseUrl: "https://ps.test", fetch: fetchImpl });
      expect(await api.upsertSubscriber({ phoneNumber: "+15555550123", keyword: "VIP" })).toEqual({
        id: "12",
        created: true,
      });
      expect(JSON.parse(String(calls[1]?.init.body))).toEqual({ phone_number: "+15555550123", keyword: "VIP" });
    }
  });

  it("does not create when the lookup fails for a reason that would fail the create too", async () => {
    const { fetchImpl, calls } = fakeFetch(() =>
      jsonResponse({ error_code: 3002, error_message: "Rate limit exceeded" }, 429),
    );
    const api = createPostscriptClient({ apiKey: "sk_x", baseUrl: "https://ps.test", fetch: fetchImpl });
    expect((await caught(api.upsertSubscriber({ phoneNumber: "+15555550123", keyword: "VIP" }))).kind).toBe(
      "rate_limited",
    );
    expect(calls).toHaveLength(1);
  });

  it("picks the subscriber with the same phone when the filter is ignored", async () => {
    const { fetchImpl, calls } = fakeFetch((url, init) =>
      init.method === "PATCH"
        ? jsonResponse({})
        : jsonResponse({
            subscribers: [
              { id: "sub_1", phone_number: "+15555550999" },
              { id: "sub_2", phone_number: "+15555550123" },
            ],
          }),
    );
    const api = createPostscriptClient({ apiKey: "sk_x", baseUrl: "https://ps.test", fetch: fetchImpl });
    expect(await api.upsertSubscriber({ phoneNumber: "+15555550123", email: "a@b.test" })).toEqual({
      id: "sub_2",
      created: false,
    });
    expect(calls[0]?.url.search).toBe("?phone_number__eq=%2B15555550123");
    expect(JSON.parse(String(calls[1]?.init.body))).toEqual({ email: "a@b.test" });
  });

  it("updates instead when the create is rejected because someone else just created it", async () => {
    let lookups = 0;
    const { fetchImpl, calls } = fakeFetch((url, init) => {
      if (init.method === "POST") return jsonResponse({ error: "Subscriber already exists" }, 400);
      if (init.method === "PATCH") return jsonResponse({ id: "sub_9" });
      lookups++;
      const subscribers = lookups === 1 ? [] : [{ id: "sub_9", phone_number: "+15555550123" }];
      return jsonResponse({ subscribers, page_info: { page: 1, total_pages: 1 } });
    });
    const api = createPostscriptClient({ apiKey: "sk_x", baseUrl: "https://ps.test", fetch: fetchImpl });
    expect(await api.upsertSubscriber({ phoneNumber: "+15555550123", keyword: "VIP" })).toEqual({
      id: "sub_9",
      created: false,
    });
    expect(calls.map((call) => `${call.init.method} ${call.url.pathname}`)).toEqual([
      "GET /subscribers",
      "POST /subscribers",
      "GET /subscribers",
      "PATCH /subscribers/sub_9",
    ]);
  });
});

describe("sendEvent", () => {
  it("records the event in the inbox with what a flow would text once the subscriber opted in", async () => {
    const key = freshKey();
    const api = client(key);
    await api.upsertSubscriber({ phoneNumber: "+15555550124", keyword: "RESTOCK" });

    const pending = await api.sendEvent({
      type: "back_in_stock_sms_alert",
      phone: "+15555550124",
      properties: { shop_name: "Ada's", title_incl_variant: "Tee - M", purchase_link: "https://s.test/p/1" },
      externalId: "restock-1",
    });
    expect(pending.eventIds).toHaveLength(1);
    expect(pending.eventIds[0]).toMatch(/^evt_/);
    const [pendingEntry] = sandbox.state.inbox({ keyLast4: key.slice(-4) });
    expect(pendingEntry).toMatchObject({
      eventId: pending.eventIds[0],
      wouldText: null,
      notTextedReason: "subscriber has not opted in (must reply Y)",
    });

    sandbox.state.optIn(key, "+15555550124");
    const occurredAt = new Date(Date.UTC(2024, 4, 1, 14, 3, 0, 250));
    await api.sendEvent({
      type: "back_in_stock_sms_alert",
      phone: "+15555550124",
      email: "",
      occurredAt,
      properties: {
        shop_name: "Ada's",
        title_incl_variant: "Tee - M",
        purchase_link: "https://s.test/p/1",
        price: 20,
        sale: false,
        gone: null,
      },
      externalId: "restock-2",
    });
    const [entry] = sandbox.state.inbox({ keyLast4: key.slice(-4), type: "back_in_stock_sms_alert" });
    expect(entry).toMatchObject({
      keyLast4: key.slice(-4),
      type: "back_in_stock_sms_alert",
      phone: "+15555550124",
      email: null,
      occurredAt: "2024-05-01 14:03:00.250000",
      externalId: "restock-2",
      properties: {
        shop_name: "Ada's",
        title_incl_variant: "Tee - M",
        purchase_link: "https://s.test/p/1",
        price: 20,
        sale: false,
      },
      matchedSubscriber: { phoneNumber: "+15555550124", optInState: "opted_in" },
      wouldText: "Ada's: Tee - M is back in stock! https://s.test/p/1",
      notTextedReason: null,
    });
    expect(sandbox.state.account(key)?.eventTypes).toEqual([
      expect.objectContaining({ type: "back_in_stock_sms_alert", count: 2 }),
    ]);
  });

  it("sends the documented snake_case body", async () => {
    const { fetchImpl, calls } = fakeFetch(() => jsonResponse({ event_ids: ["e1"] }, 202));
    const api = createPostscriptClient({ apiKey: "sk_x", baseUrl: "https://ps.test", fetch: fetchImpl });
    const result = await api.sendEvent({
      type: "order_editing_saved",
      subscriberId: "sub_1",
      occurredAt: new Date("2024-12-31T23:59:59.999Z"),
      properties: { order_name: "#1001" },
      externalId: "oe-1",
    });
    expect(result).toEqual({ eventIds: ["e1"] });
    expect(calls[0]?.init.method).toBe("POST");
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({
      type: "order_editing_saved",
      subscriber_id: "sub_1",
      occurred_at: "2024-12-31 23:59:59.999000",
      properties: { order_name: "#1001" },
      external_id: "oe-1",
    });
  });

  it("does not turn an accepted event with an unreadable body into an error", async () => {
    const { fetchImpl } = fakeFetch(() => new Response("", { status: 202 }));
    const api = createPostscriptClient({ apiKey: "sk_x", baseUrl: "https://ps.test", fetch: fetchImpl });
    expect(await api.sendEvent({ type: "t", email: "a@b.test", properties: {}, externalId: "x" })).toEqual({
      eventIds: [],
    });
  });

  it.each([
    ["a bad type", { type: "Back In Stock", phone: "+15555550123" }, /type must be 1–255 letters/],
    ["a too long type", { type: "a".repeat(256), phone: "+15555550123" }, /type must be 1–255/],
    [
      "no recipient",
      { type: "back_in_stock_sms_alert", phone: "", email: "" },
      /at least one of subscriber_id, phone or email/,
    ],
    ["a non-E.164 phone", { type: "t", phone: "5555550123" }, /phone: must be an E\.164/],
    [
      "too many properties",
      {
        type: "t",
        phone: "+15555550123",
        properties: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, i])),
      },
      /at most 100 keys/,
    ],
    [
      "a nested property",
      { type: "t", phone: "+15555550123", properties: { product: { id: 1 } } },
      /properties\.product: property values must be/,
    ],
    [
      "an invalid date",
      { type: "t", phone: "+15555550123", occurredAt: new Date("nope") },
      /occurredAt is not a valid date/,
    ],
  ])("rejects %s locally without a request", async (_label, overrides, message) => {
    const { fetchImpl, calls } = fakeFetch(() => jsonResponse({ event_ids: ["never"] }, 202));
    const api = createPostscriptClient({ apiKey: "sk_x", baseUrl: "https://ps.test", fetch: fetchImpl });
    const input = { properties: {}, externalId: "x", ...overrides } as Parameters<typeof api.sendEvent>[0];
    const error = await caught(api.sendEvent(input));
    expect(error.kind).toBe("rejected");
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/^Postscript would reject this event: /);
    expect(error.message).toMatch(message);
    expect(calls).toHaveLength(0);
  });
});

describe("transport and status mapping", () => {
  it("maps other statuses and honours Retry-After on 429", async () => {
    const answers = [
      jsonResponse({ error_code: 3002, error_message: "Rate limit exceeded", success: false }, 429, {
        "retry-after": "2",
      }),
      new Response("<html>oops</html>", { status: 502 }),
      jsonResponse({ detail: "Not Found" }, 404),
      jsonResponse({ errors: [{ loc: ["body", "email"], msg: "bad email", type: "value_error" }] }, 422),
    ];
    const { fetchImpl } = fakeFetch(() => answers.shift() ?? jsonResponse({}, 500));
    const api = createPostscriptClient({ apiKey: "sk_x", baseUrl: "https://ps.test", fetch: fetchImpl });

    const limited = await caught(api.getMe());
    expect([limited.kind, limited.retryAfterMs, limited.retryable]).toEqual(["rate_limited", 2000, true]);
    const outage = await caught(api.getMe());
    expect([outage.kind, outage.status, outage.postscriptMessage]).toEqual(["server_error", 502, undefined]);
    expect(outage.message).toBe("Postscript had a server problem (HTTP 502); try again later.");
    const missing = await caught(api.getMe());
    expect([missing.kind, missing.postscriptMessage]).toEqual(["not_found", "Not Found"]);
    const invalid = await caught(api.getMe());
    expect([invalid.kind, invalid.postscriptMessage]).toEqual(["rejected", "email: bad email"]);
  });

  it("reports an unreadable success body as a server_error instead of returning junk", async () => {
    const { fetchImpl } = fakeFetch(() => new Response("not json", { status: 200 }));
    const error = await caught(
      createPostscriptClient({ apiKey: "sk_x", baseUrl: "https://ps.test", fetch: fetchImpl }).getMe(),
    );
    expect(error.kind).toBe("server_error");
    expect(error.message).toMatch(/could not read/);
  });

  it("reports an unreachable host as unreachable: the request never left, so sending it again is safe", async () => {
    const closed = await createSandbox().listen(0);
    await closed.close();
    const error = await caught(
      createPostscriptClient({ apiKey: "sk_sandbox_whatever_1", baseUrl: closed.apiBaseUrl }).getMe(),
    );
    expect(error.kind).toBe("unreachable");
    expect(error.retryable).toBe(true);
  });

  it("reports a connection dropped after the request was written as network: the outcome is unknown", async () => {
    const server = createServer((socket) => {
      socket.once("data", () => socket.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const client = createPostscriptClient({
        apiKey: "sk_sandbox_whatever_1",
        baseUrl: `http://127.0.0.1:${port}/api/v2`,
      });
      const error = await caught(
        client.sendEvent({ type: "back_in_stock_sms_alert", phone: "+14155552671", properties: {}, externalId: "x" }),
      );
      expect(error.kind).toBe("network");
    } finally {
      server.close();
    }
  });

  it("waits for beforeRequest outside the timeout: a slow slot is never a timeout", async () => {
    const sandbox = await createSandbox().listen(0);
    try {
      const client = createPostscriptClient({
        apiKey: "sk_sandbox_whatever_1",
        baseUrl: sandbox.apiBaseUrl,
        timeoutMs: 200,
        beforeRequest: () => new Promise((resolve) => setTimeout(resolve, 400)),
      });
      await expect(client.getMe()).resolves.toMatchObject({ resourceType: "shop" });
    } finally {
      await sandbox.close();
    }
  });

  it("times out a fetch that never answers", async () => {
    const fetchImpl = ((_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      })) as typeof fetch;
    const started = Date.now();
    const error = await caught(
      createPostscriptClient({ apiKey: "sk_x", baseUrl: "https://ps.test", timeoutMs: 50, fetch: fetchImpl }).getMe(),
    );
    expect(error.kind).toBe("timeout");
    expect(error.message).toBe("Postscript did not answer within 0.05 s; try again later.");
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("sandbox rate limit and faults", () => {
  it("answers some of 40 rapid requests with rate_limited, and counts them", async () => {
    const key = freshKey();
    const api = client(key);
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => api.getMe()));
    const limited = results.filter((result) => result.status === "rejected");
    const succeeded = results.length - limited.length;

    expect(limited.length).toBeGreaterThan(0);
    expect(succeeded).toBeGreaterThanOrEqual(15);
    for (const result of limited) {
      const reason: unknown = result.status === "rejected" ? result.reason : undefined;
      expect(reason).toBeInstanceOf(PostscriptError);
      expect(reason).toMatchObject({
        kind: "rate_limited",
        status: 429,
        postscriptMessage: "Rate limit exceeded",
        retryAfterMs: undefined,
      });
    }
    expect(sandbox.state.account(key)?.rateLimited429Count).toBe(limited.length);
  });

  it("is per key: another key is not limited meanwhile", async () => {
    sandbox.state.setRateLimit(2);
    const busy = client(freshKey());
    await Promise.allSettled([busy.getMe(), busy.getMe(), busy.getMe()]);
    await expect(client(freshKey()).getMe()).resolves.toMatchObject({ resourceType: "shop" });
  });

  it("share500 = 1 gives server_error", async () => {
    sandbox.state.setFaults({ share500: 1 });
    const error = await caught(client(freshKey()).listKeywords());
    expect([error.kind, error.status, error.retryable]).toEqual(["server_error", 500, true]);
  });

  it("share429 = 1 gives rate_limited and counts it", async () => {
    const key = freshKey();
    sandbox.state.setFaults({ share429: 1 });
    const error = await caught(client(key).getMe());
    expect(error.kind).toBe("rate_limited");
    expect(sandbox.state.account(key)?.rateLimited429Count).toBe(1);
  });

  it("down gives a retryable server_error", async () => {
    sandbox.state.setFaults({ down: true });
    const error = await caught(client(freshKey()).getMe());
    expect([error.kind, error.status, error.retryable]).toEqual(["server_error", 503, true]);
    expect(error.postscriptMessage).toBe("503 Service Temporarily Unavailable");
  });

  it("slow answers past timeoutMs give timeout", async () => {
    sandbox.state.setFaults({ slowShare: 1, slowMs: 1_000 });
    const error = await caught(client(freshKey(), { timeoutMs: 100 }).getMe());
    expect([error.kind, error.retryable]).toEqual(["timeout", true]);
  });
});

describe("the API key never leaks", () => {
  it("is absent from every error message, the inbox, the state and the page", async () => {
    const key = freshKey();
    const api = client(key);
    const errors: PostscriptError[] = [];
    const collect = async (promise: Promise<unknown>) => errors.push(await caught(promise));

    await api.upsertSubscriber({ phoneNumber: "+15555550125", keyword: "VIP" });
    sandbox.state.optIn(key, "+15555550125");
    await api.sendEvent({
      type: "integration_connected",
      phone: "+15555550125",
      properties: { note: key.slice(0, 12) },
      externalId: "ic-1",
    });

    await collect(client(`pk_${key}`).getMe());
    await collect(client(freshKey("sk_sandbox_noperm_")).getMe());
    await collect(api.upsertSubscriber({ phoneNumber: "bad", keyword: "VIP" }));
    await collect(api.sendEvent({ type: "bad type", properties: {}, externalId: "x" }));
    sandbox.state.setFaults({ share500: 1 });
    await collect(api.getMe());
    sandbox.state.setFaults({ share500: 0, share429: 1 });
    await collect(api.getMe());
    sandbox.state.setFaults({ share429: 0, slowShare: 1, slowMs: 500 });
    await collect(client(key, { timeoutMs: 50 }).getMe());
    sandbox.state.setFaults({ slowShare: 0 });
    const { fetchImpl } = fakeFetch(() => jsonResponse({ error: `Bad key ${key}` }, 401));
    await collect(createPostscriptClient({ apiKey: key, baseUrl: "https://ps.test", fetch: fetchImpl }).getMe());

    expect(errors.map((error) => error.kind)).toEqual([
      "invalid_key",
      "forbidden",
      "rejected",
      "rejected",
      "server_error",
      "rate_limited",
      "timeout",
      "invalid_key",
    ]);
    expect(errors.at(-1)?.postscriptMessage).toBe("Bad key [redacted]");
    const texts = [
      ...errors.map((error) => `${error.message} ${error.postscriptMessage ?? ""} ${JSON.stringify(error)}`),
      JSON.stringify(sandbox.state.inbox()),
      JSON.stringify(sandbox.state.snapshot()),
      await (await fetch(`${running.url}/sandbox`)).text(),
      await (await fetch(`${running.url}/sandbox/state`)).text(),
      await (await fetch(`${running.url}/sandbox/inbox`)).text(),
    ];
    for (const usedKey of usedKeys) {
      for (const text of texts) expect(text).not.toContain(usedKey);
    }
  });
});
