import { describe, expect, it } from "vitest";
import { bulkJsonl } from "./standin-bulk";

describe("bulkJsonl", () => {
  it("lays nested connections out as Shopify does: each node a line, children after their parent with __parentId", () => {
    const data = {
      productVariants: {
        edges: [
          {
            node: {
              id: "gid://shopify/ProductVariant/1",
              product: { id: "gid://shopify/Product/9", title: "Jacket" },
              inventoryItem: {
                id: "gid://shopify/InventoryItem/11",
                inventoryLevels: {
                  edges: [
                    { node: { id: "L1", location: { id: "gid://shopify/Location/5" } } },
                    { node: { id: "L2", location: { id: "gid://shopify/Location/6" } } },
                  ],
                },
              },
            },
          },
          {
            node: {
              id: "gid://shopify/ProductVariant/2",
              product: { id: "gid://shopify/Product/9", title: "Jacket" },
              inventoryItem: { id: "gid://shopify/InventoryItem/12", inventoryLevels: { edges: [] } },
            },
          },
        ],
      },
    };
    const { text, objectCount, rootObjectCount } = bulkJsonl(data);
    const lines = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect({ objectCount, rootObjectCount }).toEqual({ objectCount: 4, rootObjectCount: 2 });
    expect(lines).toEqual([
      {
        id: "gid://shopify/ProductVariant/1",
        product: { id: "gid://shopify/Product/9", title: "Jacket" },
        inventoryItem: { id: "gid://shopify/InventoryItem/11" },
      },
      { id: "L1", location: { id: "gid://shopify/Location/5" }, __parentId: "gid://shopify/ProductVariant/1" },
      { id: "L2", location: { id: "gid://shopify/Location/6" }, __parentId: "gid://shopify/ProductVariant/1" },
      {
        id: "gid://shopify/ProductVariant/2",
        product: { id: "gid://shopify/Product/9", title: "Jacket" },
        inventoryItem: { id: "gid://shopify/InventoryItem/12" },
      },
    ]);
  });

  it("an empty result is an empty file", () => {
    expect(bulkJsonl({ productVariants: { edges: [] } })).toEqual({ text: "", objectCount: 0, rootObjectCount: 0 });
  });
});
