import type { Env } from "@/lib/env";

/**
 * Where Inngest is told to call our functions: a configured origin, never one inferred from the request, whose
 * Host header the caller of an unsigned sync chooses.
 */
export function inngestServeOrigin(env: Pick<Env, "INNGEST_SERVE_ORIGIN" | "SHOPIFY_APP_URL">): string {
  return new URL(env.INNGEST_SERVE_ORIGIN ?? env.SHOPIFY_APP_URL).origin;
}
