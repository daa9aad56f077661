import { limiterKey, waitForSendSlot, type SlotPriority } from "@/lib/deliveries/send-slot-limiter";
import { env } from "@/lib/env";
import { createPostscriptClient, type PostscriptClient } from "@/lib/postscript/postscript-client";

/** Postscript's documented limit per key; a shop may configure less for its deliveries, never more. */
export const POSTSCRIPT_REQUESTS_PER_SECOND = 15;

export type PostscriptClientForKeyOptions = {
  /** May only shorten the configured timeout (for calls made while a page renders). */
  timeoutMs?: number;
  /** "interactive" for a person waiting on the answer (Connect, Verify again, Send test event, Refresh): jumps the queue, same budget. */
  priority?: SlotPriority;
  perSecond?: number;
  /** False only for a caller that reserves its own slots of the same budget (the paced delivery engine). */
  paced?: boolean;
};

/**
 * A Postscript client for a plaintext key, pointed at the configured API (the sandbox in dev and tests). Every
 * request first waits for a slot of the key's one rate budget, shared by every call and process (alerts, syncs,
 * keyword checks, test events, key health), and the wait is not part of the request's timeout.
 */
export function postscriptClientForKey(apiKey: string, options: PostscriptClientForKeyOptions = {}): PostscriptClient {
  const { POSTSCRIPT_API_BASE_URL, POSTSCRIPT_TIMEOUT_MS } = env();
  const { priority = "background", perSecond = POSTSCRIPT_REQUESTS_PER_SECOND, paced = true } = options;
  const budget = limiterKey("postscript", apiKey);
  return createPostscriptClient({
    apiKey,
    baseUrl: POSTSCRIPT_API_BASE_URL,
    timeoutMs: Math.min(options.timeoutMs ?? POSTSCRIPT_TIMEOUT_MS, POSTSCRIPT_TIMEOUT_MS),
    beforeRequest: paced ? () => waitForSendSlot(budget, Math.max(1, perSecond), priority) : undefined,
  });
}
