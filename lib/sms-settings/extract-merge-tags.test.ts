import { describe, expect, it } from "vitest";
import { extractMergeTags } from "./extract-merge-tags";

describe("extractMergeTags", () => {
  it("lists each tag once, in order, without braces or inner spaces", () => {
    expect(extractMergeTags("{{shop_name}}: {{ product_title }} is back. {{shop_name}} {{purchase_link}}")).toEqual({
      tags: ["shop_name", "product_title", "purchase_link"],
      strayBraces: false,
    });
  });

  it("keeps a misspelt tag as written so it can be named", () => {
    expect(extractMergeTags("Hi {{first name}} and {{Product_Title}}").tags).toEqual(["first name", "Product_Title"]);
  });

  it("reports braces that do not form a tag", () => {
    expect(extractMergeTags("{{product_title} is back")).toEqual({ tags: [], strayBraces: true });
    expect(extractMergeTags("{{shop_name}}: }} sale")).toEqual({ tags: ["shop_name"], strayBraces: true });
    expect(extractMergeTags("Single {braces} are fine")).toEqual({ tags: [], strayBraces: false });
  });

  it("finds nothing in plain text", () => {
    expect(extractMergeTags("")).toEqual({ tags: [], strayBraces: false });
  });
});
