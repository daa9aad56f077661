import { env } from "@/lib/env";
import { createPostscriptClient, type PostscriptClient } from "@/lib/postscript/postscript-client";

/**
 * A Postscript client for a plaintext key, pointed at the configured API (the sandbox in dev and tests).
 * `timeoutMs` may only shorten the configured timeout (for calls made while a page renders).
 */
export function postscriptClientForKey(apiKey: string, timeoutMs?: number): PostscriptClient {
  const { POSTSCRIPT_API_BASE_URL, POSTSCRIPT_TIMEOUT_MS } = env();
  return createPostscriptClient({
    apiKey,
    baseUrl: POSTSCRIPT_API_BASE_URL,
    timeoutMs: Math.min(timeoutMs ?? POSTSCRIPT_TIMEOUT_MS, POSTSCRIPT_TIMEOUT_MS),
  });
}
