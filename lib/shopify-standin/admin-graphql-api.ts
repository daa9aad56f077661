import { randomBytes } from "node:crypto";
import { buildSchema, execute, GraphQLError, parse, validate, visit, type DocumentNode } from "graphql";
import { NORMAL_BUCKET, StandinError, TINY_BUCKET, type StandinState, type StandinSubscription } from "./standin-state";

// The subset of the Admin API the app uses. Products, inventory and order edits add their types and root fields
// here (and resolvers below) when the app starts calling them.
const SDL = /* GraphQL */ `
  scalar URL
  scalar Decimal
  scalar DateTime

  enum CurrencyCode { USD CAD EUR GBP AUD NZD JPY }
  enum AppPricingInterval { EVERY_30_DAYS ANNUAL }
  enum AppSubscriptionStatus { ACTIVE CANCELLED DECLINED EXPIRED FROZEN PENDING ACCEPTED }
  enum AppSubscriptionReplacementBehavior { APPLY_IMMEDIATELY APPLY_ON_NEXT_BILLING_CYCLE STANDARD }

  type Shop {
    id: ID!
    name: String!
    email: String!
    contactEmail: String!
    currencyCode: CurrencyCode!
    ianaTimezone: String!
    myshopifyDomain: String!
  }

  type MoneyV2 { amount: Decimal! currencyCode: CurrencyCode! }
  type AppRecurringPricing { price: MoneyV2! interval: AppPricingInterval! }
  union AppPricingDetails = AppRecurringPricing
  type AppPlanV2 { pricingDetails: AppPricingDetails! }
  type AppSubscriptionLineItem { id: ID! plan: AppPlanV2! }
  type AppSubscription {
    id: ID!
    name: String!
    status: AppSubscriptionStatus!
    test: Boolean!
    createdAt: DateTime!
    returnUrl: URL!
    lineItems: [AppSubscriptionLineItem!]!
  }
  type AppInstallation { id: ID! activeSubscriptions: [AppSubscription!]! }

  type UserError { field: [String!] message: String! }
  type AppSubscriptionCreatePayload { appSubscription: AppSubscription confirmationUrl: URL userErrors: [UserError!]! }
  type AppSubscriptionCancelPayload { appSubscription: AppSubscription userErrors: [UserError!]! }

  input MoneyInput { amount: Decimal! currencyCode: CurrencyCode! }
  input AppRecurringPricingInput { price: MoneyInput! interval: AppPricingInterval }
  input AppPlanInput { appRecurringPricingDetails: AppRecurringPricingInput }
  input AppSubscriptionLineItemInput { plan: AppPlanInput! }

  type Query {
    shop: Shop!
    currentAppInstallation: AppInstallation!
  }

  type Mutation {
    appSubscriptionCreate(
      name: String!
      returnUrl: URL!
      test: Boolean
      trialDays: Int
      replacementBehavior: AppSubscriptionReplacementBehavior
      lineItems: [AppSubscriptionLineItemInput!]!
    ): AppSubscriptionCreatePayload
    appSubscriptionCancel(id: ID!, prorate: Boolean): AppSubscriptionCancelPayload
  }
`;

const schema = buildSchema(SDL);

type LineItemInput = { plan: { appRecurringPricingDetails?: { price: { amount: number | string; currencyCode: string }; interval?: string } } };

function subscriptionView(subscription: StandinSubscription) {
  return {
    ...subscription,
    lineItems: [
      {
        id: `gid://shopify/AppSubscriptionLineItem/${subscription.id.split("/").pop()}`,
        plan: { pricingDetails: { __typename: "AppRecurringPricing", price: subscription.price, interval: subscription.interval } },
      },
    ],
  };
}

/** Shopify's estimate: a mutation costs 10, a query 1 per object field selected (scalars are free). */
function requestedCost(document: DocumentNode): number {
  let cost = 0;
  visit(document, {
    OperationDefinition(node) {
      if (node.operation === "mutation") cost += 10;
    },
    Field(node) {
      if (node.selectionSet) cost += 1;
    },
  });
  return Math.max(cost, 1);
}

/** graphql-js words an unknown field differently from Shopify; answer as Shopify does. */
function shopifyValidationError(error: GraphQLError): Record<string, unknown> {
  const unknown = /^Cannot query field "(.+)" on type "(.+)"\./.exec(error.message);
  const locations = error.locations ?? [];
  if (unknown) {
    return {
      message: `Field '${unknown[1]}' doesn't exist on type '${unknown[2]}'`,
      locations,
      extensions: { code: "undefinedField", typeName: unknown[2], fieldName: unknown[1] },
    };
  }
  return { message: error.message, locations, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } };
}

/**
 * Answers one Admin GraphQL request for a store as Shopify does: validation errors for unknown fields, the cost
 * in `extensions.cost` of every answer, and `THROTTLED` (HTTP 200, no data) when the bucket cannot pay.
 */
export function executeAdminGraphql(
  state: StandinState,
  domain: string,
  body: { query?: unknown; variables?: unknown },
  onSubscriptionChange: (domain: string, subscription: StandinSubscription) => void,
): Record<string, unknown> {
  if (typeof body.query !== "string" || body.query.trim() === "") throw new StandinError(400, { errors: { query: "Required parameter missing or invalid" } });
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    return { errors: [{ message: error instanceof GraphQLError ? error.message : "Parse error", extensions: { code: "PARSE_ERROR" } }] };
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return { errors: invalid.map(shopifyValidationError) };

  const cost = requestedCost(document);
  const maxCost = state.faults.throttle ? TINY_BUCKET.maximumAvailable : NORMAL_BUCKET.maximumAvailable;
  if (cost > maxCost) {
    // Never fits the bucket: Shopify refuses it outright rather than throttling it forever.
    return {
      errors: [{ message: `Query cost is ${cost}, which exceeds the single query max cost limit (${maxCost}).`, extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost } }],
    };
  }
  const spent = state.spend(domain, cost);
  if (!spent.ok) {
    state.calls.throttled++;
    return {
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
      extensions: { cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: spent.throttleStatus } },
    };
  }

  const store = state.store(domain);
  const subscriptions = state.storeSubscriptions(domain);
  const rootValue = {
    shop: () => ({
      id: `gid://shopify/Shop/${state.shopId(domain)}`,
      name: store.name,
      email: store.email,
      contactEmail: store.email,
      currencyCode: store.currencyCode,
      ianaTimezone: store.ianaTimezone,
      myshopifyDomain: store.domain,
    }),
    currentAppInstallation: () => ({
      id: `gid://shopify/AppInstallation/${store.domain}`,
      activeSubscriptions: subscriptions.filter((s) => s.status === "ACTIVE").map(subscriptionView),
    }),
    appSubscriptionCreate: (args: { name: string; returnUrl: string; test?: boolean | null; lineItems: LineItemInput[] }) => {
      const pricing = args.lineItems[0]?.plan.appRecurringPricingDetails;
      if (!pricing) return { appSubscription: null, confirmationUrl: null, userErrors: [{ field: ["lineItems"], message: "A recurring pricing plan is required" }] };
      const subscription: StandinSubscription = {
        id: `gid://shopify/AppSubscription/${state.id()}`,
        name: args.name,
        status: "PENDING",
        test: Boolean(args.test),
        returnUrl: args.returnUrl,
        price: { amount: Number(pricing.price.amount).toFixed(2), currencyCode: pricing.price.currencyCode },
        interval: pricing.interval ?? "EVERY_30_DAYS",
        createdAt: new Date().toISOString(),
      };
      subscriptions.push(subscription);
      const chargeId = subscription.id.split("/").pop();
      const signature = randomBytes(12).toString("hex");
      return {
        appSubscription: subscriptionView(subscription),
        confirmationUrl: `https://${domain}/admin/charges/${chargeId}/confirm_recurring_application_charge?signature=${signature}`,
        userErrors: [],
      };
    },
    appSubscriptionCancel: (args: { id: string }) => {
      const subscription = subscriptions.find((s) => s.id === args.id);
      if (!subscription || subscription.status !== "ACTIVE") {
        return { appSubscription: null, userErrors: [{ field: ["id"], message: "Subscription not found or not active" }] };
      }
      subscription.status = "CANCELLED";
      onSubscriptionChange(domain, subscription);
      return { appSubscription: subscriptionView(subscription), userErrors: [] };
    },
  };

  const result = execute({ schema, document, rootValue, variableValues: (body.variables ?? {}) as Record<string, unknown> });
  if (result instanceof Promise) throw new Error("Admin GraphQL resolvers are synchronous");
  const answer: Record<string, unknown> = { data: result.data ?? null };
  if (result.errors?.length) {
    answer.errors = result.errors.map((e) => ({ message: e.message, locations: e.locations ?? [], path: e.path, extensions: { code: e.originalError ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" } }));
  }
  answer.extensions = { cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus: spent.throttleStatus } };
  return answer;
}

