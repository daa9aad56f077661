import { describe, expect, it } from "vitest";
import { editedOrderTotal, subtotalCents } from "./edited-order-total";

const before = [
  { price: "89.00", quantity: 1 },
  { price: "24.00", quantity: 2 },
];

describe("the total the customer pays after an edit", () => {
  it("moves the order total (shipping and tax included) by the items' difference", () => {
    // 137.00 of items + 15.20 shipping and tax = 152.20; adding a 19.20 offer makes 171.40.
    expect(editedOrderTotal("152.20", before, [...before, { price: "19.20", quantity: 1 }])).toBe("171.40");
    expect(
      editedOrderTotal("152.20", before, [
        { price: "89.00", quantity: 1 },
        { price: "24.00", quantity: 1 },
      ]),
    ).toBe("128.20");
    expect(editedOrderTotal("152.20", before, before)).toBe("152.20");
  });

  it("falls back to the items when the order has no total, and never goes below zero", () => {
    expect(editedOrderTotal(null, before, before)).toBe("137.00");
    expect(editedOrderTotal("10.00", before, [{ price: "0.00", quantity: 1 }])).toBe("0.00");
    expect(
      subtotalCents([
        { price: null, quantity: 3 },
        { price: "0.05", quantity: 3 },
      ]),
    ).toBe(15);
  });
});
