import { createHash, randomBytes } from "node:crypto";
import { PLANS } from "../billing/plans";
import type { StandinBulkOperation } from "./standin-bulk";
import type { StandinCatalog } from "./standin-catalog";
import type { StandinEditSession, StandinOrder } from "./standin-orders";
import type { StandinStaff, StandinStore } from "./standin-stores";

export type StandinToken = {
  shop: string;
  kind: "offline" | "online";
  scope: string;
  /** null: a non-expiring offline token. */
  expiresAt: number | null;
  revoked: boolean;
  userId?: string;
};

export type StandinRefreshToken = { shop: string; scope: string; expiresAt: number; used: boolean; revoked: boolean };

export type StandinAuthCode = {
  shop: string;
  scope: string;
  online: boolean;
  userId: string;
  used: boolean;
  expiresAt: number;
};

export type StandinSubscription = {
  id: string;
  name: string;
  status: "PENDING" | "ACTIVE" | "DECLINED" | "CANCELLED";
  test: boolean;
  returnUrl: string;
  price: { amount: string; currencyCode: string };
  interval: string;
  createdAt: string;
};

export type StandinWebhook = { topic: string; shop: string; url: string; status: number | null; payload: unknown };

export type StandinFaults = { down: boolean; throttle: boolean };

/** What each endpoint was asked, so tests can prove a call did or did not reach "Shopify". */
export type StandinCalls = {
  authorizationCode: number;
  tokenExchange: number;
  refresh: number;
  graphql: number;
  throttled: number;
};

export function noCalls(): StandinCalls {
  return { authorizationCode: 0, tokenExchange: 0, refresh: 0, graphql: 0, throttled: 0 };
}

/** The part of the stand-in's memory kept on disk between restarts. */
export type StandinSnapshot = {
  stores: StandinStore[];
  installations: [string, string][];
  tokens: [string, StandinToken][];
  refreshTokens: [string, StandinRefreshToken][];
  subscriptions: [string, StandinSubscription[]][];
  nextId: number;
};

/** A standard store's GraphQL budget; the throttle fault shrinks it so a few queries drain it. */
export const NORMAL_BUCKET = { maximumAvailable: 2000, restoreRate: 100 } as const;
export const TINY_BUCKET = { maximumAvailable: 10, restoreRate: 10 } as const;

/** Stand-in error for a request Shopify would refuse, with the status and JSON body Shopify answers. */
export class StandinError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(
      typeof body.error_description === "string"
        ? body.error_description
        : String(body.error ?? body.errors ?? "error"),
    );
  }
}

const secret = (prefix: string) => `${prefix}${randomBytes(16).toString("hex")}`;

/** The stand-in's whole memory: stores, installations, tokens, codes, subscriptions, webhooks sent, faults. */
export class StandinState {
  readonly stores = new Map<string, StandinStore>();
  /** Granted scope per store the app is installed on. */
  readonly installations = new Map<string, string>();
  readonly tokens = new Map<string, StandinToken>();
  readonly refreshTokens = new Map<string, StandinRefreshToken>();
  readonly codes = new Map<string, StandinAuthCode>();
  readonly subscriptions = new Map<string, StandinSubscription[]>();
  readonly webhooks: StandinWebhook[] = [];
  /** Products, locations and stock per store (empty until the control API or a test gives it one). */
  readonly catalogs = new Map<string, StandinCatalog>();
  /** Each store's latest bulk query, and the JSONL of finished ones by operation number. */
  readonly bulkOperations = new Map<string, StandinBulkOperation>();
  readonly bulkResults = new Map<string, string>();
  /** Orders per store by numeric id, and order edits begun (CalculatedOrder gid → session). */
  readonly orders = new Map<string, Map<string, StandinOrder>>();
  readonly editSessions = new Map<string, StandinEditSession>();
  readonly calls: StandinCalls = noCalls();
  /** The same counts per store, so a test can watch its own store while others are in use. */
  readonly callsByShop = new Map<string, StandinCalls>();
  faults: StandinFaults = { down: false, throttle: false };
  /** What was set for single stores (by domain), winning over `faults` for them. */
  readonly shopFaults = new Map<string, Partial<StandinFaults>>();
  private readonly buckets = new Map<string, { available: number; at: number }>();
  private nextId = 1000;

  constructor(
    stores: StandinStore[],
    readonly ttl: { accessTokenSeconds: number; refreshTokenSeconds: number },
  ) {
    for (const store of stores) this.addStore(store);
  }

  addStore(store: StandinStore): void {
    this.stores.set(store.domain, store);
    const subscriptions = this.storeSubscriptions(store.domain);
    if (store.plan === "PAID" && !subscriptions.some((s) => s.status === "ACTIVE")) {
      subscriptions.push({
        id: `gid://shopify/AppSubscription/${this.id()}`,
        name: PLANS.PAID.name,
        status: "ACTIVE",
        test: true,
        returnUrl: "",
        price: { amount: String(PLANS.PAID.price), currencyCode: PLANS.PAID.currencyCode },
        interval: PLANS.PAID.interval,
        createdAt: new Date().toISOString(),
      });
    }
  }

  store(domain: string): StandinStore {
    const store = this.stores.get(domain);
    if (!store) throw new StandinError(404, { errors: "Not Found" });
    return store;
  }

  staff(domain: string, userId: string): StandinStaff {
    const staff = this.store(domain).staff.find((s) => s.id === userId);
    if (!staff)
      throw new StandinError(400, {
        error: "invalid_subject_token",
        error_description: "The session token names a user who is not staff of this shop.",
      });
    return staff;
  }

  catalog(domain: string): StandinCatalog {
    let catalog = this.catalogs.get(domain);
    if (!catalog)
      this.catalogs.set(domain, (catalog = { locations: [], products: [], levels: new Map(), metafields: new Map() }));
    return catalog;
  }

  storeOrders(domain: string): Map<string, StandinOrder> {
    let orders = this.orders.get(domain);
    if (!orders) this.orders.set(domain, (orders = new Map()));
    return orders;
  }

  install(domain: string, scope: string): void {
    this.installations.set(domain, scope);
  }

  /** Uninstall: the installation and every token of the store stop working, as Shopify does. */
  revokeStore(domain: string): void {
    this.installations.delete(domain);
    for (const token of this.tokens.values()) if (token.shop === domain) token.revoked = true;
    for (const token of this.refreshTokens.values()) if (token.shop === domain) token.revoked = true;
  }

  id(): number {
    return this.nextId++;
  }

  /** The store's numeric Shopify id: derived from the domain, so it is stable across restarts and unique per store. */
  shopId(domain: string): string {
    return String(Number.parseInt(createHash("sha256").update(domain).digest("hex").slice(0, 12), 16));
  }

  /** Issues an access token answer shaped like Shopify's token endpoint. */
  issue(
    domain: string,
    scope: string,
    options: { online: false; expiring: boolean } | { online: true; staff: StandinStaff },
  ): Record<string, unknown> {
    const now = Date.now();
    if (options.online) {
      const accessToken = secret("shpua_");
      const expiresIn = 86_399;
      this.tokens.set(accessToken, {
        shop: domain,
        kind: "online",
        scope,
        expiresAt: now + expiresIn * 1000,
        revoked: false,
        userId: options.staff.id,
      });
      return {
        access_token: accessToken,
        scope,
        expires_in: expiresIn,
        associated_user_scope: scope,
        session: randomBytes(16).toString("hex"),
        account_number: 0,
        associated_user: {
          id: Number(options.staff.id),
          first_name: options.staff.firstName,
          last_name: options.staff.lastName,
          email: options.staff.email,
          account_owner: options.staff.accountOwner,
          locale: "en",
          collaborator: false,
          email_verified: options.staff.emailVerified ?? true,
        },
      };
    }
    const accessToken = secret("shpat_");
    if (!options.expiring) {
      this.tokens.set(accessToken, { shop: domain, kind: "offline", scope, expiresAt: null, revoked: false });
      return { access_token: accessToken, scope };
    }
    const refreshToken = secret("shprt_");
    this.tokens.set(accessToken, {
      shop: domain,
      kind: "offline",
      scope,
      expiresAt: now + this.ttl.accessTokenSeconds * 1000,
      revoked: false,
    });
    this.refreshTokens.set(refreshToken, {
      shop: domain,
      scope,
      expiresAt: now + this.ttl.refreshTokenSeconds * 1000,
      used: false,
      revoked: false,
    });
    return {
      access_token: accessToken,
      scope,
      expires_in: this.ttl.accessTokenSeconds,
      refresh_token: refreshToken,
      refresh_token_expires_in: this.ttl.refreshTokenSeconds,
    };
  }

  /** A refresh token is single-use: the first use rotates both tokens, any reuse is refused. */
  refresh(domain: string, refreshToken: string): Record<string, unknown> {
    const stored = this.refreshTokens.get(refreshToken);
    if (!stored || stored.shop !== domain || stored.revoked || stored.used || stored.expiresAt <= Date.now()) {
      throw new StandinError(400, {
        error: "invalid_grant",
        error_description: "The refresh token is invalid, expired, revoked or was already used.",
      });
    }
    stored.used = true;
    return this.issue(domain, stored.scope, { online: false, expiring: true });
  }

  /** The token an Admin API request carries, or a 401 like Shopify's. */
  authenticate(domain: string, accessToken: string | undefined): StandinToken {
    const token = accessToken ? this.tokens.get(accessToken) : undefined;
    if (
      !token ||
      token.shop !== domain ||
      token.revoked ||
      (token.expiresAt !== null && token.expiresAt <= Date.now())
    ) {
      throw new StandinError(401, {
        errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
      });
    }
    return token;
  }

  /** Shopify's leaky bucket per app and store: takes `cost` if available, else reports the shortfall. */
  spend(
    domain: string,
    cost: number,
  ): { ok: boolean; throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } } {
    const { maximumAvailable, restoreRate } = this.faultsFor(domain).throttle ? TINY_BUCKET : NORMAL_BUCKET;
    const now = Date.now();
    const bucket = this.buckets.get(domain) ?? { available: maximumAvailable, at: now };
    const available = Math.min(maximumAvailable, bucket.available + ((now - bucket.at) / 1000) * restoreRate);
    const ok = cost <= available;
    const left = ok ? available - cost : available;
    this.buckets.set(domain, { available: left, at: now });
    return { ok, throttleStatus: { maximumAvailable, currentlyAvailable: Math.floor(left), restoreRate } };
  }

  /** Counts a call to an endpoint, in all and for the store it was made for. */
  count(domain: string, call: keyof StandinCalls): void {
    this.calls[call]++;
    const store = this.callsByShop.get(domain) ?? noCalls();
    store[call]++;
    this.callsByShop.set(domain, store);
  }

  /** The faults a request for this store meets: every store's, with what was set for this one. */
  faultsFor(domain: string | undefined): StandinFaults {
    return { ...this.faults, ...(domain === undefined ? undefined : this.shopFaults.get(domain)) };
  }

  /**
   * Merges faults for every store, or with `shop` for that store alone (winning over every store's for it), as when
   * one shop's API calls fail while the others' succeed; tests sharing one stand-in stay apart this way.
   */
  setFaults({ shop, ...faults }: Partial<StandinFaults> & { shop?: string | null }): StandinFaults {
    if (shop == null) this.faults = { ...this.faults, ...faults };
    else this.shopFaults.set(shop, { ...this.shopFaults.get(shop), ...faults });
    // A new budget starts full, as a store's plan change would.
    if (shop == null) this.buckets.clear();
    else this.buckets.delete(shop);
    return this.faultsFor(shop ?? undefined);
  }

  /** What a restart must keep (stores, installs, tokens, charges), so the dev app stays installed across restarts. */
  snapshot(): StandinSnapshot {
    return {
      stores: [...this.stores.values()],
      installations: [...this.installations],
      tokens: [...this.tokens],
      refreshTokens: [...this.refreshTokens],
      subscriptions: [...this.subscriptions],
      nextId: this.nextId,
    };
  }

  /** Puts back what a previous run kept; stores configured for this run keep their configuration. */
  restore(saved: StandinSnapshot): void {
    for (const store of saved.stores) if (!this.stores.has(store.domain)) this.addStore(store);
    for (const [key, value] of saved.subscriptions) if (value.length > 0) this.subscriptions.set(key, value);
    for (const [key, value] of saved.installations) this.installations.set(key, value);
    for (const [key, value] of saved.tokens) this.tokens.set(key, value);
    for (const [key, value] of saved.refreshTokens) this.refreshTokens.set(key, value);
    this.nextId = Math.max(this.nextId, saved.nextId);
  }

  storeSubscriptions(domain: string): StandinSubscription[] {
    let list = this.subscriptions.get(domain);
    if (!list) this.subscriptions.set(domain, (list = []));
    return list;
  }
}
