import { GraphqlQueryError, HttpResponseError } from "@shopify/shopify-api";
import { AppError } from "@/lib/errors/app-error";
import { estimateQueryCost } from "./estimate-query-cost";
import { offlineSession, RECONNECT_MESSAGE } from "./offline-access-token";
import { revokeShopifyToken } from "./revoke-shopify-token";
import { shopifyCostBudget, type ShopifyCost } from "./shopify-cost-budget";
import { shopifyApp } from "./shopify-app";

/** THROTTLED answers retried before giving up; each waits in the shop's budget until Shopify's bucket holds the cost. */
export const MAX_THROTTLE_RETRIES = 3;

type GraphqlErrorEntry = { message?: string; extensions?: { code?: string } };

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
 * Runs one Admin GraphQL operation for a shop with its offline token (rotated first when it nears expiry). Every
 * call first waits for its requested cost in the shop's shared cost budget (shopifyCostBudget), which each answer's
 * `extensions.cost.throttleStatus` keeps in step with Shopify; a THROTTLED answer (another app process, a bucket
 * smaller than assumed) waits there again, a bounded number of times. A 401 marks the token revoked (AppError
 * UNAUTHENTICATED: the shop must reopen the app); GraphQL `errors` and mutation `userErrors` become AppError
 * UPSTREAM with Shopify's message; no answer is UPSTREAM "try again".
 */
export async function adminGraphql<T>(shopId: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const session = await offlineSession(shopId);
  const client = new (shopifyApp().clients.Graphql)({ session });
  const budget = shopifyCostBudget(shopId);
  const cost = estimateQueryCost(query, variables);
  for (let attempt = 0; ; attempt++) {
    const reserved = await budget.spend(cost);
    try {
      const answer = await client.request<T>(query, variables ? { variables } : {});
      await budget.settle(reserved, (answer.extensions as { cost?: ShopifyCost } | undefined)?.cost);
      const userError = firstUserError(answer.data);
      if (userError) throw new AppError("UPSTREAM", `Shopify refused the change: ${userError}`);
      return answer.data as T;
    } catch (error) {
      if (error instanceof GraphqlQueryError) {
        const body = error.body as
          { errors?: { graphQLErrors?: GraphqlErrorEntry[] }; extensions?: { cost?: ShopifyCost } } | undefined;
        await budget.settle(reserved, body?.extensions?.cost);
        const errors = body?.errors?.graphQLErrors ?? [];
        if (errors.some((e) => e.extensions?.code === "THROTTLED") && attempt < MAX_THROTTLE_RETRIES) continue;
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
