import { describe, expect, it } from "vitest";
import { executeAdminGraphql, type AdminGraphqlHooks } from "./admin-graphql-api";
import { catalogFromInput, generateStandinCatalog, standinCatalogSchema } from "./standin-catalog";
import { StandinState } from "./standin-state";

const domain = "catalog-api.myshopify.com";

function setUp(variants: number) {
  const state = new StandinState(
    [
      {
        domain,
        name: "Catalog API",
        email: "o@x.test",
        currencyCode: "USD",
        ianaTimezone: "UTC",
        staff: [{ id: "1", email: "o@x.test", firstName: "O", lastName: "X", accountOwner: true }],
      },
    ],
    {
      accessTokenSeconds: 3600,
      refreshTokenSeconds: 3600,
    },
  );
  const locations = [
    { id: "101", name: "Main", fulfillsOnlineOrders: true },
    { id: "102", name: "Showroom", fulfillsOnlineOrders: false },
  ];
  state.catalogs.set(
    domain,
    catalogFromInput(standinCatalogSchema.parse(generateStandinCatalog({ seed: 3, variants, locations }))),
  );
  const sent: { topic: string; payload: unknown }[] = [];
  const hooks: AdminGraphqlHooks = {
    origin: "http://standin.test",
    subscriptionChanged: () => undefined,
    webhook: (topic, _shop, payload) => sent.push({ topic, payload }),
  };
  const run = (query: string, variables?: Record<string, unknown>) =>
    executeAdminGraphql(state, domain, { query, variables }, hooks) as {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests walk arbitrary GraphQL result shapes
      data: Record<string, any> | null;
      errors?: { message: string; extensions: { code: string } }[];
      extensions: { cost: { requestedQueryCost: number } };
    };
  return { state, sent, run };
}

describe("stand-in Admin API: catalog", () => {
  it("pages variants with cursors and charges a connection first × its nodes", async () => {
    const { run } = setUp(30);
    const query = `query($after: String) { productVariants(first: 20, after: $after) { nodes { id inventoryItem { inventoryLevels(first: 5) { nodes { location { id } quantities(names: ["available"]) { name quantity } } } } } pageInfo { hasNextPage endCursor } } }`;
    const first = run(query);
    expect(first.data!.productVariants.nodes).toHaveLength(20);
    expect(first.data!.productVariants.pageInfo.hasNextPage).toBe(true);
    // Variant 1 (generated): 1 unit at the first location, 2 at the second.
    expect(first.data!.productVariants.nodes[1].inventoryItem.inventoryLevels.nodes).toEqual([
      { location: { id: "gid://shopify/Location/101" }, quantities: [{ name: "available", quantity: 1 }] },
      { location: { id: "gid://shopify/Location/102" }, quantities: [{ name: "available", quantity: 2 }] },
    ]);
    // 2 + 20 × (inventoryItem 1 + levels (2 + 5 × (location 1 + quantities 1))).
    expect(first.extensions.cost.requestedQueryCost).toBe(2 + 20 * (1 + 2 + 5 * 2));
    const second = run(query, { after: first.data!.productVariants.pageInfo.endCursor });
    expect(second.data!.productVariants.nodes).toHaveLength(10);
    expect(second.data!.productVariants.pageInfo.hasNextPage).toBe(false);
    expect(run(`{ productVariants { nodes { id } } }`).errors?.[0]?.message).toMatch(/first or last/);
    expect(
      run(`{ productVariantsCount { count } locations(first: 10) { nodes { id fulfillsOnlineOrders } } }`).data,
    ).toEqual({
      productVariantsCount: { count: 30 },
      locations: {
        nodes: [
          { id: "gid://shopify/Location/101", fulfillsOnlineOrders: true },
          { id: "gid://shopify/Location/102", fulfillsOnlineOrders: false },
        ],
      },
    });
  });

  it("runs one bulk query at a time, then serves its JSONL and sends bulk_operations/finish", async () => {
    const { state, sent, run } = setUp(12);
    const mutation = `mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id status } userErrors { message code } } }`;
    const started = run(mutation, { q: `{ productVariants { edges { node { id } } } }` });
    const id = started.data!.bulkOperationRunQuery.bulkOperation.id as string;
    expect(started.data!.bulkOperationRunQuery.bulkOperation.status).toBe("RUNNING");
    expect(
      run(mutation, { q: `{ productVariants { edges { node { id } } } }` }).data!.bulkOperationRunQuery.userErrors,
    ).toEqual([
      {
        message: `A bulk query operation for this app and shop is already in progress: ${id}.`,
        code: "OPERATION_IN_PROGRESS",
      },
    ]);
    await new Promise((r) => setTimeout(r, 100));
    const current = run(`{ currentBulkOperation(type: QUERY) { id status objectCount url } }`).data!
      .currentBulkOperation;
    expect(current).toMatchObject({ id, status: "COMPLETED", objectCount: "12" });
    expect(current.url).toBe(`http://standin.test/standin/bulk/${id.split("/").pop()}.jsonl`);
    expect(state.bulkResults.get(id.split("/").pop()!)!.trim().split("\n")).toHaveLength(12);
    expect(sent).toEqual([
      {
        topic: "bulk_operations/finish",
        payload: expect.objectContaining({
          admin_graphql_api_id: id,
          status: "completed",
          error_code: null,
          type: "query",
        }),
      },
    ]);
    expect(run(mutation, { q: `{ nope }` }).data!.bulkOperationRunQuery.userErrors[0]).toMatchObject({
      code: "INVALID",
    });
  });
});
