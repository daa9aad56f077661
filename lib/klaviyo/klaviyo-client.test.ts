import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createKlaviyoClient,
  KLAVIYO_REVISION,
  type KlaviyoClientOptions,
  type SendKlaviyoEventInput,
} from "@/lib/klaviyo/klaviyo-client";
import { KlaviyoError } from "@/lib/klaviyo/klaviyo-error";
import { createSandbox, type RunningSandbox } from "@/lib/postscript/sandbox/create-sandbox";

const sandbox = createSandbox({ seed: 5 });
let running: RunningSandbox;
let keyCounter = 0;
const usedKeys: string[] = [];

/** A fresh sandbox account per test, so one test's events and limits never touch another's. */
function freshKey(prefix = "pk_sandbox_client_"): string {
  keyCounter++;
  const key = `${prefix}${String(keyCounter).padStart(8, "0")}`;
  usedKeys.push(key);
  return key;
}

function client(apiKey: string, extra: Partial<KlaviyoClientOptions> = {}) {
  return createKlaviyoClient({ apiKey, baseUrl: running.klaviyoApiBaseUrl, ...extra });
}

async function caught(promise: Promise<unknown>): Promise<KlaviyoError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof KlaviyoError)) throw new Error(`expected a KlaviyoError, got ${String(error)}`);
  return error;
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

const REAL_KEY = "pk_0123456789abcdef0123456789abcdef01";

const sample = (overrides: Partial<SendKlaviyoEventInput> = {}): SendKlaviyoEventInput => ({
  metricName: "Order Editing Started",
  profile: { email: "ada@example.com", phoneNumber: "+15555550123" },
  properties: { order_name: "#1001", offer_count: 2, vip: true, gone: null },
  uniqueId: "shop_1:order_editing_started:order_1",
  ...overrides,
});

beforeAll(async () => {
  running = await sandbox.listen(0);
});
afterAll(async () => {
  await running.close();
});
afterEach(() => {
  sandbox.state.setFaults({ share429: 0, share500: 0, slowShare: 0, slowMs: 0, down: false });
  sandbox.state.klaviyo.setRateLimit({ burstPerSecond: 350, steadyPerMinute: 3_500 });
});

describe("getAccount", () => {
  it("returns the sandbox account's id and organization name", async () => {
    const key = freshKey();
    const account = await client(key).getAccount();
    expect(account).toEqual({
      id: sandbox.state.klaviyo.account(key)?.accountId,
      name: `Klaviyo sandbox store ${key.slice(-4)}`,
    });
  });

  it("sends the private key, the pinned revision and JSON:API headers to GET {base}/accounts", async () => {
    const { fetchImpl, calls } = fakeFetch(
      () =>
        new Response(JSON.stringify({ data: [{ type: "account", id: "XyZ789", attributes: {} }] }), { status: 200 }),
    );
    const account = await createKlaviyoClient({
      apiKey: REAL_KEY,
      baseUrl: "https://a.klaviyo.test/api/",
      fetch: fetchImpl,
    }).getAccount();
    expect(account).toEqual({ id: "XyZ789", name: null });
    expect(calls[0]?.url.toString()).toBe("https://a.klaviyo.test/api/accounts");
    expect(calls[0]?.init.method).toBe("GET");
    expect(calls[0]?.init.headers).toEqual({
      Authorization: `Klaviyo-API-Key ${REAL_KEY}`,
      revision: KLAVIYO_REVISION,
      Accept: "application/vnd.api+json",
    });
    expect(KLAVIYO_REVISION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("falls back to the default sender name when there is no organization name", async () => {
    const body = {
      data: [
        {
          type: "account",
          id: "A1",
          attributes: { contact_information: { organization_name: "  ", default_sender_name: "Ada's" } },
        },
      ],
    };
    const { fetchImpl } = fakeFetch(() => new Response(JSON.stringify(body)));
    expect(
      await createKlaviyoClient({ apiKey: REAL_KEY, baseUrl: "https://k.test", fetch: fetchImpl }).getAccount(),
    ).toEqual({ id: "A1", name: "Ada's" });
  });

  it("reports an unreadable or empty accounts answer as a server_error", async () => {
    for (const body of ["not json", JSON.stringify({ data: [] })]) {
      const { fetchImpl } = fakeFetch(() => new Response(body));
      const error = await caught(
        createKlaviyoClient({ apiKey: REAL_KEY, baseUrl: "https://k.test", fetch: fetchImpl }).getAccount(),
      );
      expect(error.kind).toBe("server_error");
      expect(error.message).toMatch(/could not read/);
    }
  });

  it.each([
    ["a public key", "AbC123", /6-character site ID/],
    ["a Postscript key", "sk_sandbox_demo_key_0001", /Postscript key/],
  ])("refuses %s without calling Klaviyo", async (_label, key, message) => {
    const { fetchImpl, calls } = fakeFetch(() => new Response("{}"));
    const error = await caught(
      createKlaviyoClient({ apiKey: key, baseUrl: "https://k.test", fetch: fetchImpl }).getAccount(),
    );
    expect(error.kind).toBe("invalid_key");
    expect(error.message).toMatch(message);
    expect(calls).toHaveLength(0);
  });

  it("maps a key Klaviyo refuses to invalid_key, and one without scopes to forbidden", async () => {
    const refused = await caught(client("pk_live_not_a_sandbox_key_1234").getAccount());
    expect([refused.kind, refused.status, refused.retryable]).toEqual(["invalid_key", 401, false]);
    expect(refused.message).toMatch(/did not accept the API key/);
    const noScope = await caught(client(freshKey("pk_sandbox_noperm_")).getAccount());
    expect([noScope.kind, noScope.status]).toEqual(["forbidden", 403]);
    expect(noScope.klaviyoMessage).toBe("This API key is missing required scopes.");
  });
});

describe("sendEvent", () => {
  it("POSTs the documented JSON:API body and records it in the sandbox", async () => {
    const key = freshKey();
    const time = new Date(Date.UTC(2026, 10, 23, 14, 3, 0, 250));
    await client(key).sendEvent(sample({ time }));
    const [event, ...others] = sandbox.state.klaviyo.events({ keyLast4: key.slice(-4) });
    expect(others).toHaveLength(0);
    expect(event).toMatchObject({
      metric: "Order Editing Started",
      profile: { email: "ada@example.com", phoneNumber: "+15555550123" },
      properties: { order_name: "#1001", offer_count: 2, vip: true, gone: null },
      uniqueId: "shop_1:order_editing_started:order_1",
      time: "2026-11-23T14:03:00.250Z",
    });
  });

  it("sends exactly this body, leaving out empty contacts", async () => {
    const { fetchImpl, calls } = fakeFetch(() => new Response(null, { status: 202 }));
    await createKlaviyoClient({ apiKey: REAL_KEY, baseUrl: "https://k.test/api", fetch: fetchImpl }).sendEvent(
      sample({ profile: { email: "", phoneNumber: "+15555550123" }, properties: { a: 1 } }),
    );
    expect(calls[0]?.url.toString()).toBe("https://k.test/api/events");
    expect(calls[0]?.init.method).toBe("POST");
    expect(calls[0]?.init.headers).toMatchObject({
      "Content-Type": "application/vnd.api+json",
      revision: KLAVIYO_REVISION,
    });
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({
      data: {
        type: "event",
        attributes: {
          properties: { a: 1 },
          unique_id: "shop_1:order_editing_started:order_1",
          metric: { data: { type: "metric", attributes: { name: "Order Editing Started" } } },
          profile: { data: { type: "profile", attributes: { phone_number: "+15555550123" } } },
        },
      },
    });
  });

  it("sending the same unique_id again is accepted but recorded once (Klaviyo de-duplicates)", async () => {
    const key = freshKey();
    await client(key).sendEvent(sample());
    await client(key).sendEvent(sample());
    expect(sandbox.state.klaviyo.events({ keyLast4: key.slice(-4) })).toHaveLength(1);
    expect(sandbox.state.klaviyo.account(key)?.duplicatesIgnored).toBe(1);
  });

  it.each([
    ["no contact", { profile: { email: "", phoneNumber: null } }, /at least one identifier/],
    ["a non-E.164 phone", { profile: { phoneNumber: "555-0123" } }, /profile\.phone_number: must be an E\.164/],
    ["a bad email", { profile: { email: "nope" } }, /profile\.email: must be a valid email/],
    ["an empty metric", { metricName: "" }, /metric name is required/],
    ["an invalid time", { time: new Date("nope") }, /time is not a valid date/],
  ])("rejects %s locally without a request", async (_label, overrides, message) => {
    const { fetchImpl, calls } = fakeFetch(() => new Response(null, { status: 202 }));
    const error = await caught(
      createKlaviyoClient({ apiKey: REAL_KEY, baseUrl: "https://k.test", fetch: fetchImpl }).sendEvent(
        sample(overrides),
      ),
    );
    expect(error.kind).toBe("rejected");
    expect(error.message).toMatch(/^Klaviyo would reject this event: /);
    expect(error.message).toMatch(message);
    expect(calls).toHaveLength(0);
  });

  it("surfaces Klaviyo's own detail when it rejects an event", async () => {
    const body = {
      errors: [
        {
          status: 400,
          code: "invalid",
          title: "Invalid input.",
          detail: "Profile is suppressed.",
          source: { pointer: "/data/attributes/profile" },
        },
      ],
    };
    const { fetchImpl } = fakeFetch(() => new Response(JSON.stringify(body), { status: 400 }));
    const error = await caught(
      createKlaviyoClient({ apiKey: REAL_KEY, baseUrl: "https://k.test", fetch: fetchImpl }).sendEvent(sample()),
    );
    expect([error.kind, error.status, error.message]).toEqual([
      "rejected",
      400,
      "Klaviyo rejected the request: Profile is suppressed.",
    ]);
  });
});

describe("transport, limits and faults", () => {
  it("gives rate_limited with Retry-After past the burst limit", async () => {
    const key = freshKey();
    sandbox.state.klaviyo.setRateLimit({ burstPerSecond: 2 });
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((n) => client(key).sendEvent(sample({ uniqueId: `u${n}` }))),
    );
    const limited = results.flatMap((result) => (result.status === "rejected" ? [result.reason as KlaviyoError] : []));
    expect(limited).toHaveLength(2);
    expect(limited[0]).toMatchObject({ kind: "rate_limited", status: 429, retryAfterMs: 1_000 });
    expect(limited[0]?.retryable).toBe(true);
  });

  it("down gives a retryable server_error with the plain-text body", async () => {
    sandbox.state.setFaults({ down: true });
    const error = await caught(client(freshKey()).getAccount());
    expect([error.kind, error.status, error.retryable, error.klaviyoMessage]).toEqual([
      "server_error",
      503,
      true,
      "503 Service Temporarily Unavailable",
    ]);
  });

  it("slow answers past timeoutMs give timeout", async () => {
    sandbox.state.setFaults({ slowShare: 1, slowMs: 1_000 });
    const error = await caught(client(freshKey(), { timeoutMs: 100 }).sendEvent(sample()));
    expect([error.kind, error.retryable]).toEqual(["timeout", true]);
    expect(error.message).toBe("Klaviyo did not answer within 0.1 s; try again later.");
  });

  it("reports an unreachable host as network", async () => {
    const closed = await createSandbox().listen(0);
    await closed.close();
    const error = await caught(
      createKlaviyoClient({ apiKey: freshKey(), baseUrl: closed.klaviyoApiBaseUrl }).getAccount(),
    );
    expect([error.kind, error.retryable]).toEqual(["network", true]);
  });
});

describe("the API key never leaks", () => {
  it("is absent from every error, the sandbox state and the page", async () => {
    const key = freshKey();
    const errors: KlaviyoError[] = [];
    const collect = async (promise: Promise<unknown>) => errors.push(await caught(promise));
    await client(key).sendEvent(sample({ properties: { note: key.slice(0, 12) } }));
    await collect(client(`${key}x!`).getAccount());
    await collect(client(freshKey("pk_sandbox_noperm_")).getAccount());
    await collect(client(key).sendEvent(sample({ profile: { phoneNumber: "bad" } })));
    sandbox.state.setFaults({ share500: 1 });
    await collect(client(key).getAccount());
    sandbox.state.setFaults({ share500: 0, slowShare: 1, slowMs: 500 });
    await collect(client(key, { timeoutMs: 50 }).getAccount());
    sandbox.state.setFaults({ slowShare: 0 });
    const { fetchImpl } = fakeFetch(
      () => new Response(JSON.stringify({ errors: [{ detail: `Bad key ${key}` }] }), { status: 401 }),
    );
    await collect(createKlaviyoClient({ apiKey: key, baseUrl: "https://k.test", fetch: fetchImpl }).getAccount());

    expect(errors.map((error) => error.kind)).toEqual([
      "invalid_key",
      "forbidden",
      "rejected",
      "server_error",
      "timeout",
      "invalid_key",
    ]);
    expect(errors.at(-1)?.klaviyoMessage).toBe("Bad key [redacted]");
    const texts = [
      ...errors.map((error) => `${error.message} ${error.klaviyoMessage ?? ""} ${JSON.stringify(error)}`),
      JSON.stringify(sandbox.state.snapshot()),
      await (await fetch(`${running.url}/sandbox`)).text(),
      await (await fetch(`${running.url}/sandbox/state`)).text(),
      await (await fetch(`${running.url}/sandbox/klaviyo/events`)).text(),
    ];
    for (const usedKey of usedKeys) {
      for (const text of texts) expect(text).not.toContain(usedKey);
    }
  });
});
