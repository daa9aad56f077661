import { randomBytes } from "node:crypto";
import { buildSchema, execute, GraphQLError, parse, validate, type DocumentNode } from "graphql";
import { estimateQueryCost } from "@/lib/shopify/estimate-query-cost";
import { bulkJsonl, type StandinBulkOperation } from "./standin-bulk";
import { catalogResolvers, type ResolveContext } from "./standin-catalog-resolvers";
import { metafieldResolvers } from "./standin-metafields";
import { orderResolvers } from "./standin-order-resolvers";
import { NORMAL_BUCKET, StandinError, TINY_BUCKET, type StandinState, type StandinSubscription } from "./standin-state";

/** What the Admin API needs from the HTTP server around it: where it is, and how it sends webhooks. */
export type AdminGraphqlHooks = {
  /** The stand-in's own origin, for the download URLs of bulk results. */
  origin: string;
  subscriptionChanged: (domain: string, subscription: StandinSubscription) => void;
  webhook: (topic: string, domain: string, payload: unknown) => void;
};

// The subset of the Admin API the app uses. Products, inventory and order edits add their types and root fields
// here (and resolvers below) when the app starts calling them.
const SDL = /* GraphQL */ `
  scalar URL
  scalar Decimal
  scalar DateTime

  enum CurrencyCode {
    USD
    CAD
    EUR
    GBP
    AUD
    NZD
    JPY
  }
  enum AppPricingInterval {
    EVERY_30_DAYS
    ANNUAL
  }
  enum AppSubscriptionStatus {
    ACTIVE
    CANCELLED
    DECLINED
    EXPIRED
    FROZEN
    PENDING
    ACCEPTED
  }
  enum AppSubscriptionReplacementBehavior {
    APPLY_IMMEDIATELY
    APPLY_ON_NEXT_BILLING_CYCLE
    STANDARD
  }

  type Shop {
    id: ID!
    name: String!
    email: String!
    contactEmail: String!
    currencyCode: CurrencyCode!
    ianaTimezone: String!
    myshopifyDomain: String!
  }

  type MoneyV2 {
    amount: Decimal!
    currencyCode: CurrencyCode!
  }
  type AppRecurringPricing {
    price: MoneyV2!
    interval: AppPricingInterval!
  }
  union AppPricingDetails = AppRecurringPricing
  type AppPlanV2 {
    pricingDetails: AppPricingDetails!
  }
  type AppSubscriptionLineItem {
    id: ID!
    plan: AppPlanV2!
  }
  type AppSubscription {
    id: ID!
    name: String!
    status: AppSubscriptionStatus!
    test: Boolean!
    createdAt: DateTime!
    returnUrl: URL!
    lineItems: [AppSubscriptionLineItem!]!
  }
  type AppInstallation {
    id: ID!
    activeSubscriptions: [AppSubscription!]!
  }

  type UserError {
    field: [String!]
    message: String!
  }
  type AppSubscriptionCreatePayload {
    appSubscription: AppSubscription
    confirmationUrl: URL
    userErrors: [UserError!]!
  }
  type AppSubscriptionCancelPayload {
    appSubscription: AppSubscription
    userErrors: [UserError!]!
  }

  input MoneyInput {
    amount: Decimal!
    currencyCode: CurrencyCode!
  }
  input AppRecurringPricingInput {
    price: MoneyInput!
    interval: AppPricingInterval
  }
  input AppPlanInput {
    appRecurringPricingDetails: AppRecurringPricingInput
  }
  input AppSubscriptionLineItemInput {
    plan: AppPlanInput!
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }
  type Count {
    count: Int!
  }
  type Image {
    url: URL!
  }
  type Location {
    id: ID!
    legacyResourceId: String!
    name: String!
    fulfillsOnlineOrders: Boolean!
    isActive: Boolean!
  }
  type LocationEdge {
    cursor: String!
    node: Location!
  }
  type LocationConnection {
    edges: [LocationEdge!]!
    nodes: [Location!]!
    pageInfo: PageInfo!
  }
  enum ProductStatus {
    ACTIVE
    ARCHIVED
    DRAFT
  }
  type Product {
    id: ID!
    legacyResourceId: String!
    title: String!
    handle: String!
    vendor: String!
    productType: String!
    status: ProductStatus!
    featuredImage: Image
    onlineStoreUrl: URL
  }
  type InventoryQuantity {
    name: String!
    quantity: Int!
  }
  type InventoryLevel {
    id: ID!
    location: Location!
    quantities(names: [String!]!): [InventoryQuantity!]!
  }
  type InventoryLevelEdge {
    cursor: String!
    node: InventoryLevel!
  }
  type InventoryLevelConnection {
    edges: [InventoryLevelEdge!]!
    nodes: [InventoryLevel!]!
    pageInfo: PageInfo!
  }
  type InventoryItem {
    id: ID!
    legacyResourceId: String!
    inventoryLevels(first: Int, after: String): InventoryLevelConnection!
  }
  type ProductVariant {
    id: ID!
    legacyResourceId: String!
    title: String!
    sku: String
    price: Decimal!
    compareAtPrice: Decimal
    image: Image
    product: Product!
    inventoryItem: InventoryItem!
    metafield(namespace: String, key: String!): Metafield
  }
  type Metafield {
    id: ID!
    namespace: String!
    key: String!
    type: String!
    value: String!
    ownerType: String!
  }
  input MetafieldsSetInput {
    ownerId: ID!
    namespace: String
    key: String!
    value: String!
    type: String
    compareDigest: String
  }
  enum MetafieldsSetUserErrorCode {
    BLANK
    INVALID
    INVALID_TYPE
    INVALID_VALUE
    TOO_SHORT
  }
  type MetafieldsSetUserError {
    field: [String!]
    message: String!
    code: MetafieldsSetUserErrorCode
  }
  type MetafieldsSetPayload {
    metafields: [Metafield!]
    userErrors: [MetafieldsSetUserError!]!
  }
  type ProductVariantEdge {
    cursor: String!
    node: ProductVariant!
  }
  type ProductVariantConnection {
    edges: [ProductVariantEdge!]!
    nodes: [ProductVariant!]!
    pageInfo: PageInfo!
  }

  enum BulkOperationStatus {
    CANCELED
    CANCELING
    COMPLETED
    CREATED
    EXPIRED
    FAILED
    RUNNING
  }
  enum BulkOperationType {
    QUERY
    MUTATION
  }
  enum BulkOperationErrorCode {
    ACCESS_DENIED
    INTERNAL_SERVER_ERROR
    TIMEOUT
  }
  enum BulkOperationUserErrorCode {
    INVALID
    OPERATION_IN_PROGRESS
  }
  type BulkOperation {
    id: ID!
    status: BulkOperationStatus!
    type: BulkOperationType!
    errorCode: BulkOperationErrorCode
    objectCount: String!
    rootObjectCount: String!
    url: URL
    partialDataUrl: URL
    query: String!
    createdAt: DateTime!
    completedAt: DateTime
  }
  type BulkOperationUserError {
    field: [String!]
    message: String!
    code: BulkOperationUserErrorCode
  }
  type BulkOperationRunQueryPayload {
    bulkOperation: BulkOperation
    userErrors: [BulkOperationUserError!]!
  }

  type MoneyBag {
    shopMoney: MoneyV2!
    presentmentMoney: MoneyV2!
  }
  type MailingAddress {
    firstName: String
    lastName: String
    address1: String
    address2: String
    city: String
    province: String
    zip: String
    country: String
    countryCodeV2: String
    phone: String
    company: String
  }
  type LineItemVariant {
    id: ID!
    legacyResourceId: String!
    title: String!
  }
  type LineItem {
    id: ID!
    title: String!
    variantTitle: String
    sku: String
    quantity: Int!
    currentQuantity: Int!
    variant: LineItemVariant
    originalUnitPriceSet: MoneyBag!
    discountedUnitPriceSet: MoneyBag!
  }
  type LineItemEdge {
    cursor: String!
    node: LineItem!
  }
  type LineItemConnection {
    edges: [LineItemEdge!]!
    nodes: [LineItem!]!
    pageInfo: PageInfo!
  }
  enum OrderDisplayFinancialStatus {
    PAID
    PENDING
    AUTHORIZED
    PARTIALLY_PAID
    REFUNDED
    PARTIALLY_REFUNDED
    VOIDED
    EXPIRED
  }
  enum OrderDisplayFulfillmentStatus {
    FULFILLED
    UNFULFILLED
    PARTIALLY_FULFILLED
  }
  type Order {
    id: ID!
    legacyResourceId: String!
    name: String!
    currencyCode: CurrencyCode!
    displayFinancialStatus: OrderDisplayFinancialStatus
    displayFulfillmentStatus: OrderDisplayFulfillmentStatus!
    cancelledAt: DateTime
    lineItems(first: Int, after: String): LineItemConnection!
    currentSubtotalPriceSet: MoneyBag!
    currentTotalTaxSet: MoneyBag!
    totalShippingPriceSet: MoneyBag!
    currentTotalPriceSet: MoneyBag!
    totalOutstandingSet: MoneyBag!
    shippingAddress: MailingAddress
  }
  type CalculatedLineItem {
    id: ID!
    title: String!
    variantTitle: String
    sku: String
    quantity: Int!
    editableQuantity: Int!
    variant: LineItemVariant
    originalUnitPriceSet: MoneyBag!
    discountedUnitPriceSet: MoneyBag!
  }
  type CalculatedLineItemEdge {
    cursor: String!
    node: CalculatedLineItem!
  }
  type CalculatedLineItemConnection {
    edges: [CalculatedLineItemEdge!]!
    nodes: [CalculatedLineItem!]!
    pageInfo: PageInfo!
  }
  type TaxLine {
    title: String!
    rate: Float
    priceSet: MoneyBag!
  }
  type CalculatedShippingLine {
    title: String!
    priceSet: MoneyBag!
  }
  type CalculatedOrder {
    id: ID!
    originalOrder: Order!
    lineItems(first: Int, after: String): CalculatedLineItemConnection!
    subtotalPriceSet: MoneyBag!
    totalPriceSet: MoneyBag!
    totalOutstandingSet: MoneyBag!
    taxLines: [TaxLine!]!
    shippingLines: [CalculatedShippingLine!]!
  }
  type OrderStagedChangeAddLineItemDiscount {
    id: ID!
    description: String!
  }
  type OrderEditBeginPayload {
    calculatedOrder: CalculatedOrder
    userErrors: [UserError!]!
  }
  type OrderEditSetQuantityPayload {
    calculatedOrder: CalculatedOrder
    calculatedLineItem: CalculatedLineItem
    userErrors: [UserError!]!
  }
  type OrderEditAddVariantPayload {
    calculatedOrder: CalculatedOrder
    calculatedLineItem: CalculatedLineItem
    userErrors: [UserError!]!
  }
  type OrderEditAddLineItemDiscountPayload {
    calculatedOrder: CalculatedOrder
    calculatedLineItem: CalculatedLineItem
    addedDiscountStagedChange: OrderStagedChangeAddLineItemDiscount
    userErrors: [UserError!]!
  }
  type OrderEditCommitPayload {
    order: Order
    userErrors: [UserError!]!
  }
  type OrderUpdatePayload {
    order: Order
    userErrors: [UserError!]!
  }
  input OrderEditAppliedDiscountInput {
    description: String
    fixedValue: MoneyInput
    percentValue: Float
  }
  input MailingAddressInput {
    firstName: String
    lastName: String
    address1: String
    address2: String
    city: String
    province: String
    provinceCode: String
    zip: String
    country: String
    countryCode: String
    phone: String
    company: String
  }
  input OrderInput {
    id: ID!
    shippingAddress: MailingAddressInput
    note: String
  }

  type Query {
    order(id: ID!): Order
    shop: Shop!
    currentAppInstallation: AppInstallation!
    locations(first: Int, after: String, includeInactive: Boolean): LocationConnection!
    productVariants(first: Int, after: String): ProductVariantConnection!
    productVariantsCount: Count!
    currentBulkOperation(type: BulkOperationType): BulkOperation
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
    bulkOperationRunQuery(query: String!, groupObjects: Boolean): BulkOperationRunQueryPayload
    orderEditBegin(id: ID!): OrderEditBeginPayload
    orderEditSetQuantity(id: ID!, lineItemId: ID!, quantity: Int!, restock: Boolean): OrderEditSetQuantityPayload
    orderEditAddVariant(
      id: ID!
      variantId: ID!
      quantity: Int!
      locationId: ID
      allowDuplicates: Boolean
    ): OrderEditAddVariantPayload
    orderEditAddLineItemDiscount(
      id: ID!
      lineItemId: ID!
      discount: OrderEditAppliedDiscountInput!
    ): OrderEditAddLineItemDiscountPayload
    orderEditCommit(id: ID!, notifyCustomer: Boolean, staffNote: String): OrderEditCommitPayload
    orderUpdate(input: OrderInput!): OrderUpdatePayload
    metafieldsSet(metafields: [MetafieldsSetInput!]!): MetafieldsSetPayload
  }
`;

const schema = buildSchema(SDL);

type LineItemInput = {
  plan: {
    appRecurringPricingDetails?: { price: { amount: number | string; currencyCode: string }; interval?: string };
  };
};

function subscriptionView(subscription: StandinSubscription) {
  return {
    ...subscription,
    lineItems: [
      {
        id: `gid://shopify/AppSubscriptionLineItem/${subscription.id.split("/").pop()}`,
        plan: {
          pricingDetails: {
            __typename: "AppRecurringPricing",
            price: subscription.price,
            interval: subscription.interval,
          },
        },
      },
    ],
  };
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

/** The root fields of one store's Admin API. */
function rootValueFor(state: StandinState, domain: string, hooks: AdminGraphqlHooks) {
  const store = state.store(domain);
  const subscriptions = state.storeSubscriptions(domain);
  const rootValue = {
    ...catalogResolvers(state.catalog(domain), domain),
    ...metafieldResolvers(state.catalog(domain), () => state.id()),
    ...orderResolvers(state, domain, (topic, payload) => hooks.webhook(topic, domain, payload)),
    currentBulkOperation: () => state.bulkOperations.get(domain) ?? null,
    bulkOperationRunQuery: (args: { query: string }) => runBulkQuery(state, domain, args.query, hooks),
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
    appSubscriptionCreate: (args: {
      name: string;
      returnUrl: string;
      test?: boolean | null;
      lineItems: LineItemInput[];
    }) => {
      const pricing = args.lineItems[0]?.plan.appRecurringPricingDetails;
      if (!pricing)
        return {
          appSubscription: null,
          confirmationUrl: null,
          userErrors: [{ field: ["lineItems"], message: "A recurring pricing plan is required" }],
        };
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
        return {
          appSubscription: null,
          userErrors: [{ field: ["id"], message: "Subscription not found or not active" }],
        };
      }
      subscription.status = "CANCELLED";
      hooks.subscriptionChanged(domain, subscription);
      return { appSubscription: subscriptionView(subscription), userErrors: [] };
    },
  };
  return rootValue;
}

const bulkUserError = (message: string, code: "INVALID" | "OPERATION_IN_PROGRESS") => ({
  bulkOperation: null,
  userErrors: [{ field: ["query"], message, code }],
});

/**
 * bulkOperationRunQuery: one running query per store; the query runs a moment later without page limits, its
 * result is kept as JSONL at /standin/bulk/{id}.jsonl and `bulk_operations/finish` is sent, as Shopify does.
 */
function runBulkQuery(state: StandinState, domain: string, query: string, hooks: AdminGraphqlHooks) {
  const current = state.bulkOperations.get(domain);
  if (current && (current.status === "CREATED" || current.status === "RUNNING")) {
    return bulkUserError(
      `A bulk query operation for this app and shop is already in progress: ${current.id}.`,
      "OPERATION_IN_PROGRESS",
    );
  }
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return bulkUserError(`Invalid bulk query: ${error instanceof Error ? error.message : "parse error"}`, "INVALID");
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return bulkUserError(`Invalid bulk query: ${invalid[0]!.message}`, "INVALID");
  const number = state.id();
  const operation: StandinBulkOperation = {
    id: `gid://shopify/BulkOperation/${number}`,
    status: "RUNNING",
    type: "QUERY",
    query,
    errorCode: null,
    objectCount: "0",
    rootObjectCount: "0",
    url: null,
    partialDataUrl: null,
    createdAt: new Date().toISOString(),
    completedAt: null,
  };
  state.bulkOperations.set(domain, operation);
  setTimeout(() => {
    const context: ResolveContext = { bulk: true };
    const result = execute({ schema, document, rootValue: rootValueFor(state, domain, hooks), contextValue: context });
    if (result instanceof Promise || result.errors?.length || !result.data) {
      operation.status = "FAILED";
      operation.errorCode = "INTERNAL_SERVER_ERROR";
    } else {
      const jsonl = bulkJsonl(result.data as Record<string, unknown>);
      state.bulkResults.set(String(number), jsonl.text);
      operation.status = "COMPLETED";
      operation.objectCount = String(jsonl.objectCount);
      operation.rootObjectCount = String(jsonl.rootObjectCount);
      operation.url = `${hooks.origin}/standin/bulk/${number}.jsonl`;
    }
    operation.completedAt = new Date().toISOString();
    hooks.webhook("bulk_operations/finish", domain, {
      admin_graphql_api_id: operation.id,
      completed_at: operation.completedAt,
      created_at: operation.createdAt,
      error_code: operation.errorCode?.toLowerCase() ?? null,
      status: operation.status.toLowerCase(),
      type: "query",
    });
  }, 20);
  return { bulkOperation: operation, userErrors: [] };
}

/**
 * Answers one Admin GraphQL request for a store as Shopify does: validation errors for unknown fields, the cost
 * in `extensions.cost` of every answer, and `THROTTLED` (HTTP 200, no data) when the bucket cannot pay.
 */
export function executeAdminGraphql(
  state: StandinState,
  domain: string,
  body: { query?: unknown; variables?: unknown },
  hooks: AdminGraphqlHooks,
): Record<string, unknown> {
  if (typeof body.query !== "string" || body.query.trim() === "")
    throw new StandinError(400, { errors: { query: "Required parameter missing or invalid" } });
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    return {
      errors: [
        { message: error instanceof GraphQLError ? error.message : "Parse error", extensions: { code: "PARSE_ERROR" } },
      ],
    };
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return { errors: invalid.map(shopifyValidationError) };

  const variables = (body.variables ?? {}) as Record<string, unknown>;
  const cost = estimateQueryCost(document, variables);
  const maxCost = state.faultsFor(domain).throttle ? TINY_BUCKET.maximumAvailable : NORMAL_BUCKET.maximumAvailable;
  if (cost > maxCost) {
    // Never fits the bucket: Shopify refuses it outright rather than throttling it forever.
    return {
      errors: [
        {
          message: `Query cost is ${cost}, which exceeds the single query max cost limit (${maxCost}).`,
          extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost },
        },
      ],
    };
  }
  const spent = state.spend(domain, cost);
  if (!spent.ok) {
    state.count(domain, "throttled");
    return {
      errors: [
        {
          message: "Throttled",
          extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
        },
      ],
      extensions: { cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: spent.throttleStatus } },
    };
  }

  const context: ResolveContext = { bulk: false };
  const rootValue = rootValueFor(state, domain, hooks);
  const result = execute({ schema, document, rootValue, variableValues: variables, contextValue: context });
  if (result instanceof Promise) throw new Error("Admin GraphQL resolvers are synchronous");
  const answer: Record<string, unknown> = { data: result.data ?? null };
  if (result.errors?.length) {
    answer.errors = result.errors.map((e) => ({
      message: e.message,
      locations: e.locations ?? [],
      path: e.path,
      extensions: { code: e.originalError ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" },
    }));
  }
  answer.extensions = {
    cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus: spent.throttleStatus },
  };
  return answer;
}
