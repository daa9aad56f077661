export type StandinBulkOperation = {
  id: string;
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED";
  type: "QUERY";
  query: string;
  errorCode: "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT" | null;
  objectCount: string;
  rootObjectCount: string;
  url: string | null;
  partialDataUrl: null;
  createdAt: string;
  completedAt: string | null;
};

type Json = Record<string, unknown>;

function isConnection(value: unknown): value is { edges?: { node: Json }[]; nodes?: Json[] } {
  return Boolean(
    value &&
    typeof value === "object" &&
    (Array.isArray((value as Json).edges) || Array.isArray((value as Json).nodes)),
  );
}

const nodesOf = (connection: { edges?: { node: Json }[]; nodes?: Json[] }): Json[] =>
  connection.edges?.map((e) => e.node) ?? connection.nodes ?? [];

/**
 * A node without its nested connections, and the connections' nodes as separate lines after it, each with
 * `__parentId` (the enclosing connection node's id): Shopify's JSONL layout for bulk query results.
 */
function flatten(node: Json, parentId: string | null, out: string[]): void {
  const children: Json[] = [];
  const strip = (value: Json): Json => {
    const copy: Json = {};
    for (const [key, field] of Object.entries(value)) {
      if (isConnection(field)) children.push(...nodesOf(field));
      else if (field && typeof field === "object" && !Array.isArray(field)) copy[key] = strip(field as Json);
      else copy[key] = field;
    }
    return copy;
  };
  const line = strip(node);
  if (parentId) line.__parentId = parentId;
  out.push(JSON.stringify(line));
  for (const child of children) flatten(child, typeof node.id === "string" ? node.id : parentId, out);
}

/** The JSONL file of a bulk query's result (`data` of the query run without page limits) and its counts. */
export function bulkJsonl(data: Json): { text: string; objectCount: number; rootObjectCount: number } {
  const lines: string[] = [];
  let roots = 0;
  for (const root of Object.values(data)) {
    if (!isConnection(root)) continue;
    for (const node of nodesOf(root)) {
      roots++;
      flatten(node, null, lines);
    }
  }
  return { text: lines.length ? `${lines.join("\n")}\n` : "", objectCount: lines.length, rootObjectCount: roots };
}
