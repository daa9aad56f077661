import { createHash, randomUUID } from "node:crypto";
import type { KlaviyoEventBody } from "@/lib/klaviyo/klaviyo-event-schema";

export interface KlaviyoSandboxProfile {
  id: string;
  email: string | null;
  phoneNumber: string | null;
  externalId: string | null;
}

export interface KlaviyoSandboxMetric {
  name: string;
  firstSeenAt: string;
  lastSeenAt: string;
  count: number;
}

export interface KlaviyoSandboxEvent {
  eventId: string;
  /** Only the key's last 4 characters: the page is shown in a browser and must never hold a key. */
  keyLast4: string;
  accountId: string;
  metric: string;
  profile: KlaviyoSandboxProfile;
  properties: Record<string, unknown>;
  uniqueId: string | null;
  /** The event's `time` as sent, or null when Klaviyo would use the time it received it. */
  time: string | null;
  value: number | null;
  receivedAt: string;
}

export interface KlaviyoSandboxAccountSnapshot {
  keyLast4: string;
  accountId: string;
  organizationName: string;
  metrics: KlaviyoSandboxMetric[];
  profiles: KlaviyoSandboxProfile[];
  /** Accepted (202) but not recorded: the same unique_id for the same profile and metric was seen before. */
  duplicatesIgnored: number;
  rateLimited429Count: number;
}

export interface KlaviyoSandboxSnapshot {
  burstPerSecond: number;
  steadyPerMinute: number;
  accounts: KlaviyoSandboxAccountSnapshot[];
  /** Every recorded event, newest first. */
  events: KlaviyoSandboxEvent[];
}

/** One sandbox Klaviyo account (one private key). Opaque to callers outside the sandbox. */
export interface KlaviyoSandboxAccount {
  readonly keyLast4: string;
  readonly accountId: string;
  readonly organizationName: string;
  readonly profiles: KlaviyoSandboxProfile[];
  readonly metrics: Map<string, KlaviyoSandboxMetric>;
  /** profile id + metric + unique id of every recorded event: Klaviyo's de-duplication key. */
  readonly seen: Set<string>;
  duplicatesIgnored: number;
  rateLimited429Count: number;
  /** Times (ms) of the requests admitted in the last second and the last minute. */
  readonly burst: number[];
  readonly steady: number[];
}

export type KlaviyoAuthResult = { status: "ok"; account: KlaviyoSandboxAccount } | { status: "invalid" | "forbidden" };

export type KlaviyoAdmission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

// Klaviyo's documented Create Event limits per key: burst 350/s, steady 3,500/min.
const DEFAULT_BURST_PER_SECOND = 350;
const DEFAULT_STEADY_PER_MINUTE = 3_500;
const VALID_KEY = /^pk_sandbox_[A-Za-z0-9_-]{8,}$/;
// Bounds memory for a dev server left running for days; the newest events are the interesting ones.
const MAX_EVENTS = 5_000;
const ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A 6-character public id like Klaviyo's site ids, derived from the key so it survives a restart. */
function publicIdFor(hash: string): string {
  return Array.from(
    { length: 6 },
    (_, i) => ALPHANUMERIC[parseInt(hash.slice(i * 2, i * 2 + 2), 16) % ALPHANUMERIC.length],
  ).join("");
}

/** Drops the times that left the window, then says how long until the oldest remaining one leaves it. */
function windowWait(times: number[], windowMs: number, limit: number, at: number): number {
  while (times.length && (times[0] ?? 0) <= at - windowMs) times.shift();
  return times.length >= limit ? (times[0] ?? at) + windowMs - at : 0;
}

function isLimit(value: number | undefined): boolean {
  return value === undefined || (Number.isInteger(value) && value >= 1);
}

/**
 * In-memory state of the sandbox's Klaviyo mode: accounts (one per private key), the profiles and metrics each
 * event creates, every recorded event, Klaviyo's de-duplication on unique_id, and its burst and steady limits.
 */
export class KlaviyoSandboxState {
  // Keyed by a hash of the key so not even the in-memory state holds a key.
  readonly #accounts = new Map<string, KlaviyoSandboxAccount>();
  #events: KlaviyoSandboxEvent[] = [];
  #burstPerSecond = DEFAULT_BURST_PER_SECOND;
  #steadyPerMinute = DEFAULT_STEADY_PER_MINUTE;

  /** Resolves a private key to its account (created on first use) or says why it is refused. */
  authenticate(apiKey: string): KlaviyoAuthResult {
    if (apiKey.startsWith("pk_sandbox_noperm_")) return { status: "forbidden" };
    if (!VALID_KEY.test(apiKey)) return { status: "invalid" };
    const hash = sha256(apiKey);
    let account = this.#accounts.get(hash);
    if (!account) {
      const keyLast4 = apiKey.slice(-4);
      account = {
        keyLast4,
        accountId: publicIdFor(hash),
        organizationName: `Klaviyo sandbox store ${keyLast4}`,
        profiles: [],
        metrics: new Map(),
        seen: new Set(),
        duplicatesIgnored: 0,
        rateLimited429Count: 0,
        burst: [],
        steady: [],
      };
      this.#accounts.set(hash, account);
    }
    return { status: "ok", account };
  }

  /** Both of Klaviyo's windows per key; a refused request counts as one 429 given and says when to come back. */
  admit(account: KlaviyoSandboxAccount): KlaviyoAdmission {
    const at = performance.now();
    const wait = Math.max(
      windowWait(account.burst, 1_000, this.#burstPerSecond, at),
      windowWait(account.steady, 60_000, this.#steadyPerMinute, at),
    );
    if (wait > 0) {
      account.rateLimited429Count++;
      return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1_000)) };
    }
    account.burst.push(at);
    account.steady.push(at);
    return { admitted: true };
  }

  /** Changes the per-key limits (tests use small ones to see a 429 without hundreds of requests). */
  setRateLimit(limits: { burstPerSecond?: number; steadyPerMinute?: number }): {
    burstPerSecond: number;
    steadyPerMinute: number;
  } {
    if (!isLimit(limits.burstPerSecond) || !isLimit(limits.steadyPerMinute)) {
      throw new RangeError("burstPerSecond and steadyPerMinute must be positive integers");
    }
    this.#burstPerSecond = limits.burstPerSecond ?? this.#burstPerSecond;
    this.#steadyPerMinute = limits.steadyPerMinute ?? this.#steadyPerMinute;
    return { burstPerSecond: this.#burstPerSecond, steadyPerMinute: this.#steadyPerMinute };
  }

  /**
   * Records an already validated event, creating its profile and metric, unless the same unique_id was already
   * recorded for that profile and metric (Klaviyo keeps the first; without a unique_id, the time to the second
   * is the key). Returns the recorded event, or null for a duplicate (which Klaviyo still answers 202).
   */
  recordEvent(account: KlaviyoSandboxAccount, body: KlaviyoEventBody): KlaviyoSandboxEvent | null {
    const { attributes } = body.data;
    const receivedAt = new Date().toISOString();
    const profile = this.#resolveProfile(account, attributes.profile.data.attributes, attributes.profile.data.id);
    const metric = attributes.metric.data.attributes.name;
    const time = attributes.time ?? null;
    const dedupeId = attributes.unique_id ?? `time:${new Date(time ?? receivedAt).toISOString().slice(0, 19)}`;
    const seenKey = [profile.id, metric, dedupeId].join("\u0000");
    if (account.seen.has(seenKey)) {
      account.duplicatesIgnored++;
      return null;
    }
    account.seen.add(seenKey);

    const known = account.metrics.get(metric);
    if (known) {
      known.count++;
      known.lastSeenAt = receivedAt;
    } else {
      account.metrics.set(metric, { name: metric, firstSeenAt: receivedAt, lastSeenAt: receivedAt, count: 1 });
    }
    const event: KlaviyoSandboxEvent = {
      eventId: randomUUID().replaceAll("-", ""),
      keyLast4: account.keyLast4,
      accountId: account.accountId,
      metric,
      profile: { ...profile },
      properties: attributes.properties,
      uniqueId: attributes.unique_id ?? null,
      time,
      value: attributes.value ?? null,
      receivedAt,
    };
    this.#events.push(event);
    if (this.#events.length > MAX_EVENTS) this.#events.splice(0, this.#events.length - MAX_EVENTS);
    return event;
  }

  /** Recorded events, newest first, optionally for one account (by key last 4) and/or one metric. */
  events(filter: { keyLast4?: string; metric?: string } = {}): KlaviyoSandboxEvent[] {
    return this.#events
      .filter(
        (event) =>
          (!filter.keyLast4 || event.keyLast4 === filter.keyLast4) &&
          (!filter.metric || event.metric === filter.metric),
      )
      .reverse();
  }

  /** The account of one key, if it has been used. */
  account(apiKey: string): KlaviyoSandboxAccountSnapshot | undefined {
    const account = this.#accounts.get(sha256(apiKey));
    return account && this.#snapshotOf(account);
  }

  /** Everything the Klaviyo mode knows, safe to serialise: accounts are identified by key last 4 only. */
  snapshot(): KlaviyoSandboxSnapshot {
    return {
      burstPerSecond: this.#burstPerSecond,
      steadyPerMinute: this.#steadyPerMinute,
      accounts: [...this.#accounts.values()].map((account) => this.#snapshotOf(account)),
      events: this.events(),
    };
  }

  /** Forgets every account and event and restores Klaviyo's limits. */
  reset(): void {
    this.#accounts.clear();
    this.#events = [];
    this.#burstPerSecond = DEFAULT_BURST_PER_SECOND;
    this.#steadyPerMinute = DEFAULT_STEADY_PER_MINUTE;
  }

  /** Klaviyo's identity resolution, simplified: the same email, phone or external id is the same profile. */
  #resolveProfile(
    account: KlaviyoSandboxAccount,
    identifiers: { email?: string | null; phone_number?: string | null; external_id?: string | null },
    id: string | null | undefined,
  ): KlaviyoSandboxProfile {
    const email = identifiers.email?.toLowerCase() ?? null;
    const phoneNumber = identifiers.phone_number ?? null;
    const externalId = identifiers.external_id ?? null;
    const found =
      (id ? account.profiles.find((profile) => profile.id === id) : undefined) ??
      (email ? account.profiles.find((profile) => profile.email === email) : undefined) ??
      (phoneNumber ? account.profiles.find((profile) => profile.phoneNumber === phoneNumber) : undefined) ??
      (externalId ? account.profiles.find((profile) => profile.externalId === externalId) : undefined);
    if (found) {
      found.email ??= email;
      found.phoneNumber ??= phoneNumber;
      found.externalId ??= externalId;
      return found;
    }
    const created: KlaviyoSandboxProfile = {
      id:
        id ??
        `01${sha256(`${account.accountId}:${email ?? phoneNumber ?? externalId}`)
          .slice(0, 24)
          .toUpperCase()}`,
      email,
      phoneNumber,
      externalId,
    };
    account.profiles.push(created);
    return created;
  }

  #snapshotOf(account: KlaviyoSandboxAccount): KlaviyoSandboxAccountSnapshot {
    return {
      keyLast4: account.keyLast4,
      accountId: account.accountId,
      organizationName: account.organizationName,
      metrics: [...account.metrics.values()].map((metric) => ({ ...metric })),
      profiles: account.profiles.map((profile) => ({ ...profile })),
      duplicatesIgnored: account.duplicatesIgnored,
      rateLimited429Count: account.rateLimited429Count,
    };
  }
}
