import { Kind, parse, type DocumentNode, type SelectionSetNode, type ValueNode } from "graphql";

// Connection plumbing Shopify does not charge for; the nodes inside are charged.
const FREE_WRAPPERS = new Set(["edges", "node", "nodes", "pageInfo"]);

// The app sends a handful of fixed query texts: parse each once.
const parsed = new Map<string, DocumentNode>();

/**
 * Shopify's requested cost of an Admin GraphQL operation, as its rate-limit docs compute it before running it: a
 * mutation costs 10; each object field 1 and each connection 2 plus `first` times what one of its nodes costs
 * (scalars are free). The app reserves this much of the shop's cost budget; the stand-in charges it.
 */
export function estimateQueryCost(query: string | DocumentNode, variables: Record<string, unknown> = {}): number {
  let document: DocumentNode;
  if (typeof query === "string") {
    document = parsed.get(query) ?? parse(query);
    parsed.set(query, document);
  } else {
    document = query;
  }
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
  const argValue = (node: ValueNode): unknown =>
    node.kind === Kind.VARIABLE ? variables[node.name.value] : node.kind === Kind.INT ? Number(node.value) : undefined;
  const selectionCost = (set: SelectionSetNode | undefined): number => {
    if (!set) return 0;
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) cost += selectionCost(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) cost += selectionCost(fragments.get(selection.name.value));
      else if (selection.selectionSet) {
        const first = selection.arguments?.find((a) => a.name.value === "first");
        const pageSize = first ? Number(argValue(first.value) ?? 0) : null;
        const inner = selectionCost(selection.selectionSet);
        if (pageSize !== null) cost += 2 + pageSize * inner;
        else cost += (FREE_WRAPPERS.has(selection.name.value) ? 0 : 1) + inner;
      }
    }
    return cost;
  };
  let cost = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (definition.operation === "mutation") cost += 10;
    cost += selectionCost(definition.selectionSet);
  }
  return Math.max(cost, 1);
}
