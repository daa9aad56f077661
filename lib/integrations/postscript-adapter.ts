import { sendIntegrationConnected } from "@/lib/postscript-connection/send-integration-connected";
import { subscribePostscriptWebhooks } from "@/lib/postscript-webhooks/subscribe-postscript-webhooks";
import { unsubscribePostscriptWebhooks } from "@/lib/postscript-webhooks/unsubscribe-postscript-webhooks";
import type { PostscriptClient } from "@/lib/postscript/postscript-client";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import type { IntegrationAdapter } from "./integration-adapter";
import { POSTSCRIPT_REQUESTS_PER_SECOND, postscriptClientForKey } from "./postscript-client-for-key";

/** Postscript: the shop's SMS account, connected with a Private API Key in setup step 2. */
export const postscriptAdapter: IntegrationAdapter<PostscriptClient> = {
  provider: "POSTSCRIPT",
  label: "Postscript",
  auditPrefix: "postscript",
  defaultPerSecond: POSTSCRIPT_REQUESTS_PER_SECOND,
  budgetName: "postscript",
  createClient: (secret, options) => postscriptClientForKey(secret.apiKey, options),
  fetchAccountName: async (client) => (await client.getMe()).resourceName,
  judgeKeyError(error) {
    if (!(error instanceof PostscriptError)) return null;
    // A 404 on /me means the key points at no account: as refused as a 401.
    if (error.kind === "invalid_key" || error.kind === "forbidden" || error.kind === "not_found") {
      return { verdict: "refused", kind: error.kind, message: error.message };
    }
    return { verdict: "unreachable", kind: error.kind, message: error.message };
  },
  messages: {
    notConnected: "Connect your Postscript account first: paste your Private API Key in step 2.",
    notVerified: "Your Postscript key is not verified yet: use “Verify again” in step 2, or paste a new key.",
    unreadable:
      "The saved Postscript key cannot be read (the server's encryption key changed): paste your Private API Key again in step 2.",
    noKeySaved: "No Postscript API key is saved yet: paste your Private API Key first.",
    keyRefused: (kind) =>
      kind === "forbidden"
        ? "Postscript recognised this key but it lacks API access. Check that SMS sending is enabled on your Postscript plan and that you copied the Private Key."
        : "Invalid Postscript API key. In Postscript, open Settings → API, create a Security Key Pair, click Show and copy the whole Private Key, then paste it here.",
    noLongerAccepted:
      "Invalid Postscript API key: Postscript no longer accepts it. It may have been regenerated or expired; paste a new Private API Key.",
    couldNotVerify: (reason) => `API key saved but connection could not be verified: ${reason}`,
    stoppedWorking:
      "API key saved but connection could not be verified: Postscript no longer accepts this key. It may have been regenerated or expired; paste a new Private API Key.",
    enableNeedsKey: "Connect a Postscript API key before enabling or disabling the integration.",
  },
  async afterVerified(ctx, client) {
    // Also repairs subscriptions lost or never made (Postscript was down at connect, a sandbox restart).
    await subscribePostscriptWebhooks(ctx.shop.id, client);
    return { connectedEventSent: await sendIntegrationConnected(ctx, client) };
  },
  beforeDisconnect: (shopId, client) => unsubscribePostscriptWebhooks(shopId, client),
  keyHealthAudit: { restored: "key_health.restored", stoppedWorking: "key_health.stopped_working" },
};
