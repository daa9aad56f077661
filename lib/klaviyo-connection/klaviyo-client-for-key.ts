import { env } from "@/lib/env";
import { createKlaviyoClient, type KlaviyoClient } from "@/lib/klaviyo/klaviyo-client";

/**
 * A Klaviyo client for a plaintext key, pointed at the configured API (the sandbox's Klaviyo mode in dev and
 * tests). Calls share the Postscript timeout setting: one bound for every outside API the app waits on.
 */
export function klaviyoClientForKey(apiKey: string): KlaviyoClient {
  const { KLAVIYO_API_BASE_URL, POSTSCRIPT_TIMEOUT_MS } = env();
  return createKlaviyoClient({ apiKey, baseUrl: KLAVIYO_API_BASE_URL, timeoutMs: POSTSCRIPT_TIMEOUT_MS });
}
