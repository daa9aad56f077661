import { describe, expect, it } from "vitest";
import { fillMergeTags } from "./fill-merge-tags";

describe("fillMergeTags", () => {
  it("replaces known tags, with or without inner spaces, and leaves unknown ones as written", () => {
    expect(
      fillMergeTags("{{ shop_name }}: {{products_count}} items, {{mystery}}", {
        shop_name: "Northwind",
        products_count: 2,
      }),
    ).toBe("Northwind: 2 items, {{mystery}}");
  });

  it("does not treat inherited object keys as tags", () => {
    expect(fillMergeTags("{{constructor}}", {})).toBe("{{constructor}}");
  });
});
