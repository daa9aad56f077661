import { describe, expect, it } from "vitest";
import type { OrderLineItem } from "@/lib/shopify/order-line-item";
import { describeOrderChanges, isEmptyChange } from "./describe-order-changes";

const line = (title: string, quantity: number, variantTitle: string | null = null): OrderLineItem => ({
  shopifyLineItemId: null,
  shopifyProductId: null,
  shopifyVariantId: null,
  variantId: null,
  title,
  variantTitle,
  quantity,
  price: "10.00",
  sku: null,
});
const address = {
  name: "Jamie Rivera",
  address1: "1 Main St",
  address2: "",
  city: "Portland",
  province: "ME",
  zip: "04101",
  country: "United States",
};

describe("describeOrderChanges", () => {
  it("lists quantity changes, additions, removals and the address in one summary", () => {
    const before = [line("Trail Socks (3-pack)", 1, "S/M"), line("Camp Mug", 2), line("Beanie", 1, "Default Title")];
    const after = [
      line("Trail Socks (3-pack)", 2, "S/M"),
      line("Camp Mug", 0),
      line("Beanie", 1, "Default Title"),
      line("Merino Beanie", 1, "Charcoal"),
    ];
    const changes = describeOrderChanges(before, after, address, { ...address, address1: "9 Harbor Rd" });
    expect(changes).toEqual({
      added: [{ title: "Merino Beanie (Charcoal)", quantity: 1 }],
      removed: [{ title: "Camp Mug", quantity: 2 }],
      quantityChanges: [{ title: "Trail Socks (3-pack) (S/M)", from: 1, to: 2 }],
      addressChanged: true,
      summary:
        "Trail Socks (3-pack) (S/M): quantity 1 → 2; added Merino Beanie (Charcoal) × 1; removed Camp Mug; shipping address updated",
    });
  });

  it("sees no change when nothing moved, and an address typed the same way is no change", () => {
    const lines = [line("Camp Mug", 1)];
    const same = describeOrderChanges(
      lines,
      lines.map((l) => ({ ...l })),
      address,
      { ...address, city: " portland " },
    );
    expect(isEmptyChange(same)).toBe(true);
    expect(describeOrderChanges(lines, lines, address, null).addressChanged).toBe(false);
  });
});
