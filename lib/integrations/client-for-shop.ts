import { decryptSecret } from "@/lib/crypto/secret-box";
import { limiterKey } from "@/lib/deliveries/send-slot-limiter";
import { AppError } from "@/lib/errors/app-error";
import type { Integration } from "@/lib/generated/prisma/client";
import { findIntegration } from "./find-integration";
import type { IntegrationClientOptions, IntegrationSecret } from "./integration-adapter";
import { adapterFor, type ClientOf, type RegisteredProvider } from "./registry";

/** Why clientForShop made no client: not connected, not verified, or the ciphertext no longer opens. */
export type IntegrationUnavailableReason = "not_connected" | "not_verified" | "unreadable";

/** Thrown by clientForShop; its message tells the merchant what to do, so it is safe to show. */
export class IntegrationUnavailableError extends AppError {
  override name = "IntegrationUnavailableError";
  constructor(
    readonly reason: IntegrationUnavailableReason,
    message: string,
  ) {
    super("CONFLICT", message);
  }
}

export type ClientForShopOptions = IntegrationClientOptions & {
  /** "verified" (default): only a verified key; "saved": any saved key (verifying it, the key-health check). */
  require?: "verified" | "saved";
  /** The row already loaded by the caller, so it is not read twice (must be this shop's and provider's). */
  integration?: Integration | null;
};

export type ShopClient<P extends RegisteredProvider> = {
  client: ClientOf<P>;
  /** The row the key came from; `encryptedKey` is still sealed (compare it to detect a key replaced meanwhile). */
  integration: Integration;
  /** The key's one rate budget, shared by every call and process (alerts, syncs, checks, test events). */
  budget: { key: string; perSecond: number };
  /** Another client for the same key with other options (the engine's unpaced sender beside its paced prober). */
  withOptions(options: IntegrationClientOptions): ClientOf<P>;
};

/**
 * A client for the shop's saved key with `provider`: the only place a provider key is decrypted. Throws an
 * IntegrationUnavailableError (safe to show) when there is no key, the key is not verified (unless `require` is
 * "saved"), or the ciphertext cannot be opened.
 */
export async function clientForShop<P extends RegisteredProvider>(
  provider: P,
  shopId: string,
  options: ClientForShopOptions = {},
): Promise<ShopClient<P>> {
  const adapter = adapterFor(provider);
  const integration = options.integration === undefined ? await findIntegration(shopId, provider) : options.integration;
  if (!integration?.encryptedKey) throw new IntegrationUnavailableError("not_connected", adapter.messages.notConnected);
  if ((options.require ?? "verified") === "verified" && integration.verification !== "VERIFIED") {
    throw new IntegrationUnavailableError("not_verified", adapter.messages.notVerified);
  }
  let secret: IntegrationSecret;
  try {
    secret = {
      apiKey: decryptSecret(integration.encryptedKey),
      accountId: integration.accountId,
      settings: integration.settings,
    };
  } catch {
    throw new IntegrationUnavailableError("unreadable", adapter.messages.unreadable);
  }
  const perSecond = Math.max(1, integration.rateLimitPerSecond ?? adapter.defaultPerSecond);
  const build = (clientOptions: IntegrationClientOptions) =>
    adapter.createClient(secret, { ...clientOptions, perSecond: clientOptions.perSecond ?? perSecond });
  return {
    client: build(options),
    integration,
    budget: { key: limiterKey(adapter.budgetName, secret.apiKey), perSecond },
    withOptions: build,
  };
}
