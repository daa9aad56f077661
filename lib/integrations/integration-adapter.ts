import type { ShopContext } from "@/lib/auth/shop-context";
import type { IntegrationProvider, Prisma } from "@/lib/generated/prisma/client";
import type { SlotPriority } from "@/lib/deliveries/send-slot-limiter";

/** The decrypted credentials of one integration; exists only in memory, inside clientForShop and the adapters. */
export type IntegrationSecret = {
  apiKey: string;
  /** The non-secret account id stored beside the key (Twilio's Account SID); null when the key is enough. */
  accountId: string | null;
  /** The provider's non-secret settings stored beside the key (Twilio's sender); null when there are none. */
  settings: Prisma.JsonValue | null;
};

/** How a client built by an adapter waits for and spends the key's one rate budget. */
export type IntegrationClientOptions = {
  /** May only shorten the configured timeout (for calls made while a page renders). */
  timeoutMs?: number;
  /** "interactive" for a person waiting on the answer: jumps the queue, same budget. */
  priority?: SlotPriority;
  /** The key's limit; defaults to the integration's configured limit, else the provider's documented one. */
  perSecond?: number;
  /** False only for a caller that reserves its own slots of the same budget (the paced delivery engine). */
  paced?: boolean;
};

/**
 * What a failed call to the provider says about the key:
 * - refused: the provider does not accept the key (401, missing scope); `message` is what the merchant is told;
 * - busy: rate-limited, which says nothing about the key;
 * - unreachable: timeout, 5xx, connection failure: the key may well be fine.
 */
export type KeyJudgement =
  | { verdict: "refused"; kind: string; message: string }
  | { verdict: "busy"; kind: string; message: string; retryAfterMs?: number }
  | { verdict: "unreachable"; kind: string; message: string };

/**
 * One outside provider a shop connects with a key. Everything provider-specific about connecting, verifying and
 * checking a key lives in its adapter; lib/integrations does the rest once. A new provider is one adapter file
 * plus one entry in registry.ts (and its value in the IntegrationProvider enum).
 */
export interface IntegrationAdapter<Client> {
  provider: IntegrationProvider;
  /** The provider's name as merchants know it ("Postscript"). */
  label: string;
  /** The audit actions' prefix ("postscript" → postscript.connected). */
  auditPrefix: string;
  /** The provider's documented limit per key: the budget when the integration configures none. */
  defaultPerSecond: number;
  /** The name the key's budget row is hashed under (limiterKey(budgetName, key)). */
  budgetName: string;
  /** A client for plaintext credentials; every request waits for a slot of the key's budget unless `paced` is false. */
  createClient(secret: IntegrationSecret, options: IntegrationClientOptions & { perSecond: number }): Client;
  /** One cheap authenticated call proving the key works: the account's display name when the provider has one. */
  fetchAccountName(client: Client): Promise<string | null>;
  /** What a failed call says about the key, or null when the error is not the provider's (then it is rethrown). */
  judgeKeyError(error: unknown): KeyJudgement | null;
  /** What the merchant is told, in the provider's words and pointing where it is fixed. */
  messages: {
    /** No client can be made for the shop: no key, a key not verified, or a key the server can no longer open. */
    notConnected: string;
    notVerified: string;
    unreadable: string;
    /** "Verify again" with no key saved. */
    noKeySaved: string;
    /** A pasted key the provider refused (`kind` from judgeKeyError): nothing is stored. */
    keyRefused(kind: string): string;
    /** "Verify again": the provider no longer accepts the saved key. */
    noLongerAccepted: string;
    /** "Verify again": the provider could not be reached; `reason` is its error. */
    couldNotVerify(reason: string): string;
    /** The background key check found the saved key refused. */
    stoppedWorking: string;
    /** Connect and disable need a saved key first. */
    enableNeedsKey: string;
  };
  /**
   * After a merchant's connect or "Verify again" succeeded (Postscript: subscribe its webhooks, send "Integration
   * Connected" the first time); what it returns is added to the connect outcome.
   */
  afterVerified?(ctx: Pick<ShopContext, "shop" | "user">, client: Client): Promise<{ connectedEventSent?: boolean }>;
  /** Before the saved key is deleted, with a client for it (Postscript: remove our webhook subscriptions). */
  beforeDisconnect?(shopId: string, client: Client): Promise<void>;
  /** The SYSTEM audit actions of the background key check. */
  keyHealthAudit: { restored: string; stoppedWorking: string };
}
