import { randomBytes } from "node:crypto";
import { vi } from "vitest";
import { env } from "@/lib/env";
import { installFromSessionToken } from "@/lib/shopify/install-from-session-token";
import { verifySessionToken } from "@/lib/shopify/verify-session-token";
import { createShopifyStandin } from "@/lib/shopify-standin/create-shopify-standin";
import { signSessionToken, type SessionTokenClaims } from "@/lib/shopify-standin/sign-session-token";
import type { StandinStore } from "@/lib/shopify-standin/standin-stores";

/**
 * Starts a Shopify stand-in on a free port and points this test file's app code at it (the app's URL is a
 * closed port, so webhooks the stand-in sends are recorded but reach nothing). Call it before any code reads
 * lib/env. `newStore()` adds a store of the test's own with an owner and a second staff member.
 */
export async function startTestShopifyStandin() {
  const appUrl = "http://127.0.0.1:9";
  process.env.SHOPIFY_APP_URL = appUrl;
  const apiKey = process.env.SHOPIFY_API_KEY!;
  const apiSecret = process.env.SHOPIFY_API_SECRET!;
  const standin = createShopifyStandin({ apiKey, apiSecret, appUrl, stores: [] });
  const running = await standin.listen(0);
  process.env.SHOPIFY_STANDIN_URL = running.url;

  let nextStaffId = 90_000_000 + Math.floor(Math.random() * 1_000_000) * 10;
  function newStore(overrides: Partial<StandinStore> = {}): StandinStore & { owner: string; staffMember: string } {
    const handle = `standin-${randomBytes(4).toString("hex")}`;
    const owner = String(nextStaffId++);
    const staffMember = String(nextStaffId++);
    const store: StandinStore = {
      domain: `${handle}.myshopify.com`,
      name: `Store ${handle}`,
      email: `owner@${handle}.test`,
      currencyCode: "CAD",
      ianaTimezone: "America/Toronto",
      staff: [
        { id: owner, email: `owner@${handle}.test`, firstName: "Olive", lastName: "Owner", accountOwner: true },
        { id: staffMember, email: `Staff@${handle}.test`, firstName: "Sam", lastName: "Staff", accountOwner: false },
      ],
      ...overrides,
    };
    standin.state.addStore(store);
    return { ...store, owner, staffMember };
  }

  /** A session token as the admin would sign it for this app (claims overridable to forge bad ones). */
  function sessionToken(shop: string, userId: string, claims: Partial<SessionTokenClaims> = {}): Promise<string> {
    return signSessionToken({ apiKey, apiSecret, shop, userId, ...claims });
  }

  /** A store of the test's own with the app installed (the scopes the app asks for), not yet opened. */
  function installedStore(overrides: Partial<StandinStore> = {}) {
    const store = newStore(overrides);
    standin.state.install(store.domain, env().SCOPES);
    return store;
  }

  /** An installed store its owner has opened once: the shop exists with its token (embedded install). */
  async function installedShop() {
    const store = installedStore();
    const { shopId } = await installFromSessionToken(
      await verifySessionToken(await sessionToken(store.domain, store.owner)),
    );
    return { shopId, store };
  }

  return { ...running, state: standin.state, appUrl, newStore, installedStore, installedShop, sessionToken };
}

/** Spies on every console method, so a test can assert that nothing logged carries a token. */
export function spyOnConsole() {
  const spies = (["log", "info", "warn", "error", "debug"] as const).map((method) => vi.spyOn(console, method));
  return {
    text: () =>
      spies
        .flatMap((spy) =>
          spy.mock.calls.map((args) =>
            args
              .map((a) =>
                a instanceof Error ? `${a.message} ${a.stack}` : typeof a === "string" ? a : JSON.stringify(a),
              )
              .join(" "),
          ),
        )
        .join("\n"),
  };
}

/** Every secret the stand-in ever issued (access and refresh tokens), for "never logged" assertions. */
export function issuedSecrets(state: { tokens: Map<string, unknown>; refreshTokens: Map<string, unknown> }): string[] {
  return [...state.tokens.keys(), ...state.refreshTokens.keys()];
}
