import type { KlaviyoClient } from "@/lib/klaviyo/klaviyo-client";
import { KlaviyoError } from "@/lib/klaviyo/klaviyo-error";
import type { IntegrationAdapter } from "./integration-adapter";
import { KLAVIYO_REQUESTS_PER_SECOND, klaviyoClientForKey } from "./klaviyo-client-for-key";

/** Klaviyo: the shop's email/SMS marketing account, connected with a Private API Key on the Integrations page. */
export const klaviyoAdapter: IntegrationAdapter<KlaviyoClient> = {
  provider: "KLAVIYO",
  label: "Klaviyo",
  auditPrefix: "klaviyo",
  defaultPerSecond: KLAVIYO_REQUESTS_PER_SECOND,
  budgetName: "klaviyo",
  createClient: (secret, options) => klaviyoClientForKey(secret.apiKey, options),
  fetchAccountName: async (client) => (await client.getAccount()).name,
  judgeKeyError(error) {
    if (!(error instanceof KlaviyoError)) return null;
    if (error.kind === "invalid_key" || error.kind === "forbidden")
      return { verdict: "refused", kind: error.kind, message: error.message };
    // Get Accounts allows about one call a second: being busy says nothing about the key.
    if (error.kind === "rate_limited")
      return { verdict: "busy", kind: error.kind, message: error.message, retryAfterMs: error.retryAfterMs };
    return { verdict: "unreachable", kind: error.kind, message: error.message };
  },
  messages: {
    notConnected: "Connect Klaviyo first: paste a Private API Key on the Integrations page.",
    notVerified:
      "Your Klaviyo key is not verified yet: use “Verify again” on the Integrations page, or paste a new key.",
    unreadable:
      "The saved Klaviyo key cannot be read (the server's encryption key changed): paste your Private API Key again on the Integrations page.",
    noKeySaved: "No Klaviyo key is saved yet: paste your Private API Key first.",
    keyRefused: (kind) =>
      kind === "forbidden"
        ? "Klaviyo recognised this key but it lacks the scopes Signalboard needs. Use a Full Access key, or a Custom key with Accounts: Read and Events: Full access."
        : "Klaviyo did not accept this key. In Klaviyo open Settings → API keys, create a Private API Key, and paste the whole key (it starts with pk_).",
    noLongerAccepted:
      "Klaviyo no longer accepts this key: it may have been revoked or lost a scope. Paste a new Private API Key.",
    couldNotVerify: (reason) => `Key saved but Klaviyo could not be reached to verify it: ${reason}`,
    stoppedWorking:
      "Key saved but connection could not be verified: Klaviyo no longer accepts this key. It may have been revoked or lost a scope; paste a new Private API Key.",
    enableNeedsKey: "Connect a Klaviyo Private API Key before enabling or disabling the integration.",
  },
  keyHealthAudit: { restored: "key_health.klaviyo_restored", stoppedWorking: "key_health.klaviyo_stopped_working" },
};
