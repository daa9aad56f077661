import { GraphqlQueryError, HttpResponseError } from "@shopify/shopify-api";
import { AppError } from "@/lib/errors/app-error";
import { offlineSession, RECONNECT_MESSAGE } from "./offline-access-token";
import { revokeShopifyToken } from "./revoke-shopify-token";
import { shopifyApp } from "./shopify-app";

/** THROTTLED answers retried before giving up; each waits until the bucket holds the query's cost again. */
export const MAX_THROTTLE_RETRIES = 3;
const MAX_THROTTLE_WAIT_MS = 10_000;

type GraphqlErrorEntry = { message?: string; extensions?: { code?: string } };
type Cost = { requestedQueryCost?: number; throttleStatus?: { currentlyAvailable?: number; restoreRate?: number } };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long Shopify's leaky bucket needs to hold the requested cost again, from `extensions.cost`. */
function throttleWaitMs(cost: Cost | undefined): number {
  const requested = cost?.requestedQueryCost ?? 1;
  const available = cost?.throttleStatus?.currentlyAvailable ?? 0;
  const rate = cost?.throttleStatus?.restoreRate || 50;
  return Math.min(MAX_THROTTLE_WAIT_MS, Math.max(0, Math.ceil(((requested - available) / rate) * 1000)));
}

/** The first non-empty `userErrors` list among the mutation payloads of an answer. */
function firstUserError(data: unknown): string | null {
  if (!data || typeof data !== "object") return null;
  for (const payload of Object.values(data)) {
    const userErrors = (payload as { userErrors?: { message?: string }[] } | null)?.userErrors;
    if (Array.isArray(userErrors) && userErrors.length > 0)
      return userErrors.map((e) => e.message ?? "invalid input").join("; ");
  }
  return null;
}

/**
 * Runs one Admin GraphQL operation for a shop with its offline token (rotated first when it nears expiry).
 * THROTTLED answers wait what `extensions.cost.throttleStatus` says and retry a bounded number of times; a 401
 * marks the token revoked (AppError UNAUTHENTICATED: the shop must reopen the app); GraphQL `errors` and
 * mutation `userErrors` become AppError UPSTREAM with Shopify's message; no answer is UPSTREAM "try again".
 */
export async function adminGraphql<T>(shopId: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const session = await offlineSession(shopId);
  const client = new (shopifyApp().clients.Graphql)({ session });
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await client.request<T>(query, variables ? { variables } : {});
      const userError = firstUserError(answer.data);
      if (userError) throw new AppError("UPSTREAM", `Shopify refused the change: ${userError}`);
      return answer.data as T;
    } catch (error) {
      if (error instanceof GraphqlQueryError) {
        const body = error.body as
          { errors?: { graphQLErrors?: GraphqlErrorEntry[] }; extensions?: { cost?: Cost } } | undefined;
        const errors = body?.errors?.graphQLErrors ?? [];
        if (errors.some((e) => e.extensions?.code === "THROTTLED") && attempt < MAX_THROTTLE_RETRIES) {
          await sleep(throttleWaitMs(body?.extensions?.cost));
          continue;
        }
        throw new AppError(
          "UPSTREAM",
          `Shopify refused the request: ${errors.map((e) => e.message).join("; ") || "GraphQL error"}`,
        );
      }
      if (error instanceof HttpResponseError && error.response.code === 401) {
        await revokeShopifyToken(shopId);
        throw new AppError("UNAUTHENTICATED", RECONNECT_MESSAGE);
      }
      if (error instanceof HttpResponseError && error.response.code === 403) {
        throw new AppError(
          "FORBIDDEN",
          "Shopify refused the request: the app lacks an access scope it needs — reopen the app from your Shopify admin to approve it.",
        );
      }
      if (error instanceof AppError) throw error;
      throw new AppError("UPSTREAM", "Shopify did not answer, try again in a minute.");
    }
  }
}
