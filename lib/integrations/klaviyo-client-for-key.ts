import { limiterKey, waitForSendSlot, type SlotPriority } from "@/lib/deliveries/send-slot-limiter";
import { env } from "@/lib/env";
import { createKlaviyoClient, type KlaviyoClient } from "@/lib/klaviyo/klaviyo-client";

/** Klaviyo allows 350/s in bursts but 3,500/min (58/s) steadily; every call on a key stays under the steady rate. */
export const KLAVIYO_REQUESTS_PER_SECOND = 50;

export type KlaviyoClientForKeyOptions = {
  priority?: SlotPriority;
  perSecond?: number;
  /** False only for a caller that reserves its own slots of the same budget (the paced delivery engine). */
  paced?: boolean;
};

/**
 * A Klaviyo client for a plaintext key, pointed at the configured API (the sandbox's Klaviyo mode in dev and
 * tests). Calls share the Postscript timeout setting: one bound for every outside API the app waits on. Every
 * call first waits for a slot of the key's one budget (the one the delivery engine sends on), and the wait is
 * not part of the call's timeout.
 */
export function klaviyoClientForKey(apiKey: string, options: KlaviyoClientForKeyOptions = {}): KlaviyoClient {
  const { KLAVIYO_API_BASE_URL, POSTSCRIPT_TIMEOUT_MS } = env();
  const { priority = "background", perSecond = KLAVIYO_REQUESTS_PER_SECOND, paced = true } = options;
  const client = createKlaviyoClient({ apiKey, baseUrl: KLAVIYO_API_BASE_URL, timeoutMs: POSTSCRIPT_TIMEOUT_MS });
  if (!paced) return client;
  const budget = limiterKey("klaviyo", apiKey);
  const paceOf =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const answered = await waitForSendSlot(budget, Math.max(1, perSecond), priority);
      try {
        return await call(...args);
      } finally {
        answered();
      }
    };
  return { getAccount: paceOf(client.getAccount), sendEvent: paceOf(client.sendEvent) };
}
