import { createHash, randomUUID } from "node:crypto";
import type { PostscriptEventBody } from "@/lib/postscript/postscript-event-schema";
import { createPrng } from "@/lib/postscript/sandbox/create-prng";
import { KlaviyoSandboxState, type KlaviyoSandboxSnapshot } from "@/lib/postscript/sandbox/klaviyo-sandbox-state";
import { renderWouldText } from "@/lib/postscript/sandbox/render-would-text";

export type SandboxOptInState = "pending" | "opted_in" | "opted_out";
export type SandboxPropertyValue = string | number | boolean;
export type SandboxNotTextedReason =
  "no matching subscriber" | "subscriber has not opted in (must reply Y)" | "subscriber has opted out";

export interface SandboxKeyword {
  id: string;
  keyword: string;
  triggeredCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface SandboxSubscriber {
  id: string;
  phoneNumber: string;
  email: string | null;
  shopifyCustomerId: string | null;
  origin: string | null;
  keywordId: string | null;
  tags: string[];
  properties: Record<string, SandboxPropertyValue>;
  optInState: SandboxOptInState;
  createdAt: string;
  updatedAt: string;
}

export interface SandboxEventType {
  type: string;
  /** How the trigger is named in Postscript's flow builder once the first event has created it. */
  flowTriggerName: string;
  firstSeenAt: string;
  lastSeenAt: string;
  count: number;
}

export interface SandboxInboxEntry {
  eventId: string;
  /** Only the key's last 4 characters: the inbox is shown in a browser and must never hold a key. */
  keyLast4: string;
  resourceId: string;
  type: string;
  phone: string | null;
  email: string | null;
  subscriberId: string | null;
  occurredAt: string | null;
  properties: Record<string, SandboxPropertyValue>;
  externalId: string | null;
  receivedAt: string;
  matchedSubscriber: { id: string; phoneNumber: string; email: string | null; optInState: SandboxOptInState } | null;
  wouldText: string | null;
  notTextedReason: SandboxNotTextedReason | null;
}

/** An API request the "accept then drop" outage read and never answered. */
export interface SandboxSwallowedRequest {
  method: string;
  path: string;
  /** The event's external id, when the request was an event carrying one. */
  externalId: string | null;
  at: string;
}

export interface SandboxFaults {
  /** Share (0–1) of authenticated requests (Postscript and Klaviyo) answered 429 regardless of the rate limit. */
  share429: number;
  /** Share (0–1) of authenticated requests answered 500. */
  share500: number;
  /** Share (0–1) of authenticated requests delayed by `slowMs` before answering. */
  slowShare: number;
  slowMs: number;
  /** Every API request (Postscript and Klaviyo) gets 503 with a plain-text body, like a load balancer in front of a dead service. */
  down: boolean;
  /**
   * "Accept then drop": every API request's connection is accepted and its request read, then nothing is answered
   * and nothing recorded; the connection is closed after `dropAfterMs` (0: held until the client gives up). What
   * a hung service behind a load balancer looks like: the client cannot tell whether its request was acted on.
   */
  dropConnections: boolean;
  dropAfterMs: number;
}

export interface SandboxAccountSnapshot {
  keyLast4: string;
  resourceId: string;
  resourceName: string;
  keywords: SandboxKeyword[];
  eventTypes: SandboxEventType[];
  subscribers: SandboxSubscriber[];
  rateLimited429Count: number;
  /** 429s the rate limit itself gave (injected ones not counted): a client pacing right never sees one. */
  overLimit429Count: number;
  /** The most requests that arrived (admitted or refused) within any one second. */
  peakRequestsPerSecond: number;
  /** Every request that arrived, admitted or refused. */
  requestCount: number;
}

export interface SandboxSnapshot {
  rateLimitPerSecond: number;
  faults: SandboxFaults;
  /** What was set for single keys (by last 4), winning over `faults` for them. */
  keyFaults: Record<string, Partial<SandboxFaults>>;
  accounts: SandboxAccountSnapshot[];
  inboxCount: number;
  /** The Klaviyo mode: its accounts and every event it recorded. */
  klaviyo: KlaviyoSandboxSnapshot;
}

/** One sandbox account (one API key). Opaque to callers outside the sandbox. */
export interface SandboxAccount {
  readonly keyLast4: string;
  readonly resourceId: string;
  readonly resourceName: string;
  readonly keywords: Map<string, SandboxKeyword>;
  readonly subscribers: Map<string, SandboxSubscriber>;
  readonly eventTypes: Map<string, SandboxEventType>;
  rateLimited429Count: number;
  overLimit429Count: number;
  /** Times (ms) of the requests admitted within the current one-second window. */
  readonly recentRequests: number[];
  /** Times (ms) of every request that arrived within the last second, admitted or not. */
  readonly arrivals: number[];
  peakRequestsPerSecond: number;
  requestCount: number;
}

export type SandboxAuthResult = { status: "ok"; account: SandboxAccount } | { status: "invalid" | "forbidden" };

export interface SandboxFaultDraw {
  delayMs: number;
  answer: "normal" | "rate_limited" | "server_error";
}

export interface SandboxSubscriberInput {
  phoneNumber: string;
  email?: string | null;
  keyword?: string | null;
  keywordId?: string | null;
  shopifyCustomerId?: string | null;
  origin?: string | null;
  tags?: string[] | null;
  properties?: Record<string, SandboxPropertyValue> | null;
}

export interface SandboxRecipient {
  subscriberId?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** An error the sandbox answers with: the HTTP status and the exact JSON body Postscript would send. */
export class SandboxRequestError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly body: Record<string, unknown>,
  ) {
    super(JSON.stringify(body));
    this.name = "SandboxRequestError";
  }
}

const DEMO_KEYWORDS = ["RESTOCK", "VIP", "WELCOME"] as const;
// The carrier-standard opt-out words Postscript honours.
const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"]);
const VALID_KEY = /^sk_sandbox_[A-Za-z0-9_-]{8,}$/;
const KEYWORD_PATTERN = /^[A-Za-z0-9]{1,30}$/;
// Bounds memory for a dev server left running for days; the newest events are the interesting ones.
const DEFAULT_INBOX_LIMIT = 5_000;
const RATE_WINDOW_MS = 1_000;

const KEYWORD_NOT_FOUND = {
  error_code: 3001,
  error_message: "Could not find keyword matching that information",
  success: false,
} as const;

const DEFAULT_FAULTS: SandboxFaults = {
  share429: 0,
  share500: 0,
  slowShare: 0,
  slowMs: 0,
  down: false,
  dropConnections: false,
  dropAfterMs: 0,
};

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function now(): string {
  return new Date().toISOString();
}

function isShare(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= 1;
}

/**
 * In-memory state of the Postscript sandbox: accounts (one per API key), their keywords, subscribers and
 * event-type registry, the inbox of received events, the rate limiter and fault injection. The HTTP layer
 * calls it for every request; tests can call the control methods directly without HTTP.
 */
export class SandboxState {
  /** The Klaviyo mode's accounts and events; faults and `down` apply to it too. */
  readonly klaviyo = new KlaviyoSandboxState();
  // Keyed by a hash of the API key so not even the in-memory state holds a key.
  readonly #accounts = new Map<string, SandboxAccount>();
  #inbox: SandboxInboxEntry[] = [];
  #swallowed: SandboxSwallowedRequest[] = [];
  #faults: SandboxFaults = { ...DEFAULT_FAULTS };
  readonly #keyFaults = new Map<string, Partial<SandboxFaults>>();
  #rateLimitPerSecond: number;
  #random: () => number;
  readonly #initialRateLimit: number;
  readonly #initialSeed: number;
  readonly #inboxLimit: number;

  constructor(options: { rateLimitPerSecond: number; seed: number; inboxLimit?: number }) {
    this.#inboxLimit = options.inboxLimit ?? DEFAULT_INBOX_LIMIT;
    this.#initialRateLimit = options.rateLimitPerSecond;
    this.#rateLimitPerSecond = options.rateLimitPerSecond;
    this.#initialSeed = options.seed;
    this.#random = createPrng(options.seed);
  }

  /** The current fault configuration (a copy). */
  get faults(): SandboxFaults {
    return { ...this.#faults };
  }

  /** The faults a request with a key ending in these 4 characters meets: everyone's, with what was set for the key. */
  faultsFor(keyLast4: string | undefined): SandboxFaults {
    return { ...this.#faults, ...(keyLast4 === undefined ? undefined : this.#keyFaults.get(keyLast4)) };
  }

  /** The current per-key limit in requests per sliding second. */
  get rateLimitPerSecond(): number {
    return this.#rateLimitPerSecond;
  }

  /**
   * Merges a partial fault configuration; a `seed` restarts the random sequence so runs repeat exactly. With
   * `keyLast4`, they are set for that key alone and win over everyone's for it, so one account's outage leaves the
   * others answering, as when Postscript revokes or throttles a single key, and tests sharing one sandbox stay apart.
   */
  setFaults(patch: Partial<SandboxFaults> & { seed?: number; keyLast4?: string | null }): SandboxFaults {
    const { seed, keyLast4, ...faults } = patch;
    if (keyLast4 != null && !/^[A-Za-z0-9_-]{4}$/.test(keyLast4)) {
      throw new SandboxRequestError(400, { error: "keyLast4 must be the last 4 characters of a key" });
    }
    const own = keyLast4 == null ? faults : { ...this.#keyFaults.get(keyLast4), ...faults };
    const next = { ...this.faultsFor(keyLast4 ?? undefined), ...own };
    if (![next.share429, next.share500, next.slowShare].every(isShare)) {
      throw new SandboxRequestError(400, { error: "share429, share500 and slowShare must be between 0 and 1" });
    }
    if (
      !Number.isFinite(next.slowMs) ||
      next.slowMs < 0 ||
      !Number.isFinite(next.dropAfterMs) ||
      next.dropAfterMs < 0
    ) {
      throw new SandboxRequestError(400, { error: "slowMs and dropAfterMs must be non-negative numbers" });
    }
    if (keyLast4 == null) this.#faults = next;
    else this.#keyFaults.set(keyLast4, own);
    if (seed !== undefined) this.#random = createPrng(seed);
    return { ...next };
  }

  /** Sets the per-key limit (requests per sliding second) for every account. */
  setRateLimit(perSecond: number): void {
    if (!Number.isInteger(perSecond) || perSecond < 1) {
      throw new SandboxRequestError(400, { error: "perSecond must be a positive integer" });
    }
    this.#rateLimitPerSecond = perSecond;
  }

  /** Adds an active keyword to the key's account, as a merchant would in Postscript's dashboard. */
  addKeyword(apiKey: string, keyword: string): SandboxKeyword {
    const account = this.#requireAccount(apiKey);
    if (!KEYWORD_PATTERN.test(keyword)) {
      throw new SandboxRequestError(400, { error: "keyword must be 1–30 letters or digits" });
    }
    const normalized = keyword.toUpperCase();
    if ([...account.keywords.values()].some((existing) => existing.keyword === normalized)) {
      throw new SandboxRequestError(409, { error: `keyword ${normalized} already exists` });
    }
    return this.#createKeyword(account, normalized);
  }

  /** Removes a keyword, as when a merchant deletes or deactivates it in Postscript. */
  removeKeyword(apiKey: string, id: string): void {
    const account = this.#requireAccount(apiKey);
    if (!account.keywords.delete(id)) throw new SandboxRequestError(404, KEYWORD_NOT_FOUND);
  }

  /** Simulates the customer replying Y to the double opt-in text. */
  optIn(apiKey: string, phone: string): SandboxSubscriber {
    const account = this.#requireAccount(apiKey);
    const subscriber = this.#findByPhone(account, phone);
    if (!subscriber) throw new SandboxRequestError(404, { error: "no subscriber with that phone number" });
    subscriber.optInState = "opted_in";
    subscriber.updatedAt = now();
    return { ...subscriber };
  }

  /**
   * The customer texts back: "Y" confirms a pending opt-in, "STOP" opts out; either way the reply is an incoming
   * message. Says what changed so the caller can send the matching webhooks.
   */
  reply(
    subscriberId: string,
    body: string,
  ): { resourceId: string; subscriber: SandboxSubscriber; optedIn: boolean; optedOut: boolean } {
    const account = [...this.#accounts.values()].find((candidate) => candidate.subscribers.has(subscriberId));
    const subscriber = account?.subscribers.get(subscriberId);
    if (!account || !subscriber) throw new SandboxRequestError(404, { error: "Subscriber not found" });
    const word = body.trim().toUpperCase();
    const optedIn = subscriber.optInState === "pending" && (word === "Y" || word === "YES");
    const optedOut = subscriber.optInState !== "opted_out" && STOP_WORDS.has(word);
    if (optedIn) subscriber.optInState = "opted_in";
    if (optedOut) subscriber.optInState = "opted_out";
    subscriber.updatedAt = now();
    return { resourceId: account.resourceId, subscriber: { ...subscriber }, optedIn, optedOut };
  }

  /** Received events, newest first, optionally for one account (by key last 4) and/or one event type. */
  inbox(filter: { keyLast4?: string; type?: string } = {}): SandboxInboxEntry[] {
    return this.#inbox
      .filter(
        (entry) =>
          (!filter.keyLast4 || entry.keyLast4 === filter.keyLast4) && (!filter.type || entry.type === filter.type),
      )
      .reverse();
  }

  /** Notes an API request the "accept then drop" outage read and never answered (an event's external id, if any). */
  noteSwallowed(method: string, path: string, body: string): void {
    let externalId: string | null = null;
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === "object" && "external_id" in parsed && typeof parsed.external_id === "string")
        externalId = parsed.external_id;
    } catch {
      // Not JSON (a GET has no body): nothing more to note.
    }
    this.#swallowed.push({ method, path, externalId, at: now() });
    if (this.#swallowed.length > this.#inboxLimit) this.#swallowed.shift();
  }

  /** The API requests the outage swallowed, oldest first. */
  swallowed(): SandboxSwallowedRequest[] {
    return this.#swallowed.map((request) => ({ ...request }));
  }

  /** Everything the sandbox knows, safe to serialise: accounts are identified by key last 4 only. */
  snapshot(): SandboxSnapshot {
    return {
      rateLimitPerSecond: this.#rateLimitPerSecond,
      faults: this.faults,
      keyFaults: Object.fromEntries([...this.#keyFaults].map(([last4, faults]) => [last4, { ...faults }])),
      accounts: [...this.#accounts.values()].map((account) => this.#snapshotOf(account)),
      inboxCount: this.#inbox.length,
      klaviyo: this.klaviyo.snapshot(),
    };
  }

  /** The account of one key, if it has been used. */
  account(apiKey: string): SandboxAccountSnapshot | undefined {
    const account = this.#accounts.get(sha256(apiKey));
    return account && this.#snapshotOf(account);
  }

  /** Forgets every account and event (Klaviyo's too) and restores the initial limits, faults and random sequence. */
  reset(): void {
    this.#accounts.clear();
    this.#inbox = [];
    this.#swallowed = [];
    this.#faults = { ...DEFAULT_FAULTS };
    this.#keyFaults.clear();
    this.#rateLimitPerSecond = this.#initialRateLimit;
    this.#random = createPrng(this.#initialSeed);
    this.klaviyo.reset();
  }

  /** Resolves a bearer token to its account (created on first use) or says why it is refused. */
  authenticate(apiKey: string): SandboxAuthResult {
    if (apiKey.startsWith("sk_sandbox_noperm_")) return { status: "forbidden" };
    if (!VALID_KEY.test(apiKey)) return { status: "invalid" };
    const hash = sha256(apiKey);
    let account = this.#accounts.get(hash);
    if (!account) {
      const keyLast4 = apiKey.slice(-4);
      account = {
        keyLast4,
        resourceId: `shop_${hash.slice(0, 16)}`,
        resourceName: `Sandbox shop ${keyLast4}`,
        keywords: new Map(),
        subscribers: new Map(),
        eventTypes: new Map(),
        rateLimited429Count: 0,
        overLimit429Count: 0,
        recentRequests: [],
        arrivals: [],
        peakRequestsPerSecond: 0,
        requestCount: 0,
      };
      this.#accounts.set(hash, account);
      if (!apiKey.startsWith("sk_sandbox_nokeywords_")) {
        for (const keyword of DEMO_KEYWORDS) this.#createKeyword(account, keyword);
      }
    }
    return { status: "ok", account };
  }

  /** Sliding one-second window per key; a refused request counts as one 429 given. */
  admit(account: SandboxAccount): boolean {
    const at = performance.now();
    const { arrivals } = account;
    while (arrivals.length && (arrivals[0] ?? 0) <= at - RATE_WINDOW_MS) arrivals.shift();
    arrivals.push(at);
    account.requestCount++;
    account.peakRequestsPerSecond = Math.max(account.peakRequestsPerSecond, arrivals.length);
    const window = account.recentRequests;
    while (window.length && (window[0] ?? 0) <= at - RATE_WINDOW_MS) window.shift();
    if (window.length >= this.#rateLimitPerSecond) {
      account.rateLimited429Count++;
      account.overLimit429Count++;
      return false;
    }
    window.push(at);
    return true;
  }

  /** Decides, from the seeded sequence, whether this request is slowed and whether it fails on purpose. */
  drawFault(account: { keyLast4: string; rateLimited429Count: number }): SandboxFaultDraw {
    const { share429, share500, slowShare, slowMs } = this.faultsFor(account.keyLast4);
    // Both numbers are always drawn so one request consumes the same amount of the sequence whatever the config.
    const slowRoll = this.#random();
    const failRoll = this.#random();
    const delayMs = slowRoll < slowShare ? slowMs : 0;
    if (failRoll < share429) {
      account.rateLimited429Count++;
      return { delayMs, answer: "rate_limited" };
    }
    return { delayMs, answer: failRoll < share429 + share500 ? "server_error" : "normal" };
  }

  /** The account's active keywords, as GET /keywords lists them. */
  listKeywords(account: SandboxAccount): SandboxKeyword[] {
    return [...account.keywords.values()];
  }

  /** One keyword, or Postscript's 404 body when it does not exist (or was removed). */
  getKeyword(account: SandboxAccount, id: string): SandboxKeyword {
    const keyword = account.keywords.get(id);
    if (!keyword) throw new SandboxRequestError(404, KEYWORD_NOT_FOUND);
    return keyword;
  }

  /** Subscribers matching every given filter (phone exactly, email case-insensitively). */
  findSubscribers(account: SandboxAccount, filter: { phoneNumber?: string; email?: string }): SandboxSubscriber[] {
    return [...account.subscribers.values()].filter(
      (subscriber) =>
        (filter.phoneNumber === undefined || subscriber.phoneNumber === filter.phoneNumber) &&
        (filter.email === undefined || subscriber.email?.toLowerCase() === filter.email.toLowerCase()),
    );
  }

  /** Adds a subscriber through double opt-in: it stays "pending" until the customer replies Y. */
  createSubscriber(account: SandboxAccount, input: SandboxSubscriberInput): SandboxSubscriber {
    const keyword = this.#resolveKeyword(account, input);
    if (this.#findByPhone(account, input.phoneNumber)) {
      throw new SandboxRequestError(400, { error: "A subscriber with this phone number already exists" });
    }
    const at = now();
    const subscriber: SandboxSubscriber = {
      id: `sub_${sha256(`${account.resourceId}:${input.phoneNumber}`).slice(0, 16)}`,
      phoneNumber: input.phoneNumber,
      email: input.email ?? null,
      shopifyCustomerId: input.shopifyCustomerId ?? null,
      origin: input.origin ?? null,
      keywordId: keyword.id,
      tags: input.tags ?? [],
      properties: input.properties ?? {},
      optInState: "pending",
      createdAt: at,
      updatedAt: at,
    };
    account.subscribers.set(subscriber.id, subscriber);
    keyword.triggeredCount++;
    keyword.updatedAt = at;
    return subscriber;
  }

  /** Updates profile fields; properties merge into the existing ones, as Postscript's custom properties do. */
  updateSubscriber(
    account: SandboxAccount,
    id: string,
    patch: Pick<SandboxSubscriberInput, "email" | "shopifyCustomerId" | "tags" | "properties">,
  ): SandboxSubscriber {
    const subscriber = account.subscribers.get(id);
    if (!subscriber) throw new SandboxRequestError(404, { error: "Subscriber not found" });
    if (patch.email !== undefined) subscriber.email = patch.email;
    if (patch.shopifyCustomerId !== undefined) subscriber.shopifyCustomerId = patch.shopifyCustomerId;
    if (patch.tags != null) subscriber.tags = patch.tags;
    if (patch.properties != null) subscriber.properties = { ...subscriber.properties, ...patch.properties };
    subscriber.updatedAt = now();
    return subscriber;
  }

  /** Stores an already validated event, registers its type and works out what a flow would text. */
  recordEvent(account: SandboxAccount, body: PostscriptEventBody): SandboxInboxEntry {
    const receivedAt = now();
    const registered = account.eventTypes.get(body.type);
    if (registered) {
      registered.count++;
      registered.lastSeenAt = receivedAt;
    } else {
      account.eventTypes.set(body.type, {
        type: body.type,
        flowTriggerName: `[${account.resourceName}] - ${body.type}`,
        firstSeenAt: receivedAt,
        lastSeenAt: receivedAt,
        count: 1,
      });
    }

    const properties = body.properties ?? {};
    const match = this.#match(account, { subscriberId: body.subscriber_id, phone: body.phone, email: body.email });
    const notTextedReason: SandboxNotTextedReason | null = !match
      ? "no matching subscriber"
      : match.optInState === "pending"
        ? "subscriber has not opted in (must reply Y)"
        : match.optInState === "opted_out"
          ? "subscriber has opted out"
          : null;

    const entry: SandboxInboxEntry = {
      eventId: `evt_${randomUUID().replaceAll("-", "")}`,
      keyLast4: account.keyLast4,
      resourceId: account.resourceId,
      type: body.type,
      phone: body.phone ?? null,
      email: body.email ?? null,
      subscriberId: body.subscriber_id ?? null,
      occurredAt: body.occurred_at ?? null,
      properties,
      externalId: body.external_id ?? null,
      receivedAt,
      matchedSubscriber: match
        ? { id: match.id, phoneNumber: match.phoneNumber, email: match.email, optInState: match.optInState }
        : null,
      wouldText: notTextedReason ? null : renderWouldText(body.type, properties),
      notTextedReason,
    };
    this.#inbox.push(entry);
    if (this.#inbox.length > this.#inboxLimit) this.#inbox.splice(0, this.#inbox.length - this.#inboxLimit);
    return entry;
  }

  /** Compliance unsubscribe: the subscriber stays but can no longer be texted. */
  unsubscribe(account: SandboxAccount, recipient: SandboxRecipient): SandboxSubscriber {
    const subscriber = this.#requireMatch(account, recipient);
    subscriber.optInState = "opted_out";
    subscriber.updatedAt = now();
    return { ...subscriber };
  }

  /** Compliance redaction: the subscriber's personal data is removed entirely. */
  redact(account: SandboxAccount, recipient: SandboxRecipient): void {
    account.subscribers.delete(this.#requireMatch(account, recipient).id);
  }

  #requireAccount(apiKey: string): SandboxAccount {
    const auth = this.authenticate(apiKey);
    if (auth.status !== "ok") {
      throw new SandboxRequestError(400, {
        error: "apiKey must be a usable sandbox key: sk_sandbox_ followed by at least 8 letters, digits, _ or -",
      });
    }
    return auth.account;
  }

  #createKeyword(account: SandboxAccount, keyword: string): SandboxKeyword {
    const at = now();
    const created: SandboxKeyword = {
      // Derived, not random, so ids the app stored survive a sandbox restart.
      id: `kw_${sha256(`${account.resourceId}:${keyword}`).slice(0, 12)}`,
      keyword,
      triggeredCount: 0,
      createdAt: at,
      updatedAt: at,
    };
    account.keywords.set(created.id, created);
    return created;
  }

  #resolveKeyword(account: SandboxAccount, input: SandboxSubscriberInput): SandboxKeyword {
    if (input.keywordId || input.keyword) {
      const wanted = input.keyword?.toUpperCase();
      const found = input.keywordId
        ? account.keywords.get(input.keywordId)
        : [...account.keywords.values()].find((keyword) => keyword.keyword === wanted);
      // An unknown keyword is a bad request here, unlike GET /keywords/{id} where it is a 404.
      if (!found) throw new SandboxRequestError(400, KEYWORD_NOT_FOUND);
      return found;
    }
    throw new SandboxRequestError(400, {
      errors: [{ loc: ["body", "keyword"], msg: "keyword or keyword_id is required", type: "value_error.missing" }],
    });
  }

  #findByPhone(account: SandboxAccount, phone: string): SandboxSubscriber | undefined {
    return [...account.subscribers.values()].find((subscriber) => subscriber.phoneNumber === phone);
  }

  /** Postscript's matching order: subscriber id, then phone, then email. */
  #match(account: SandboxAccount, recipient: SandboxRecipient): SandboxSubscriber | undefined {
    const byId = recipient.subscriberId ? account.subscribers.get(recipient.subscriberId) : undefined;
    const byPhone = recipient.phone ? this.#findByPhone(account, recipient.phone) : undefined;
    const byEmail = recipient.email ? this.findSubscribers(account, { email: recipient.email })[0] : undefined;
    return byId ?? byPhone ?? byEmail;
  }

  #requireMatch(account: SandboxAccount, recipient: SandboxRecipient): SandboxSubscriber {
    if (!recipient.subscriberId && !recipient.phone && !recipient.email) {
      throw new SandboxRequestError(400, { error: "subscriber_id, phone_number or email is required" });
    }
    const subscriber = this.#match(account, recipient);
    if (!subscriber) throw new SandboxRequestError(404, { error: "Subscriber not found" });
    return subscriber;
  }

  #snapshotOf(account: SandboxAccount): SandboxAccountSnapshot {
    return {
      keyLast4: account.keyLast4,
      resourceId: account.resourceId,
      resourceName: account.resourceName,
      keywords: [...account.keywords.values()].map((keyword) => ({ ...keyword })),
      eventTypes: [...account.eventTypes.values()].map((eventType) => ({ ...eventType })),
      subscribers: [...account.subscribers.values()].map((subscriber) => ({ ...subscriber })),
      rateLimited429Count: account.rateLimited429Count,
      overLimit429Count: account.overLimit429Count,
      peakRequestsPerSecond: account.peakRequestsPerSecond,
      requestCount: account.requestCount,
    };
  }
}
