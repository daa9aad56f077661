import { describe, expect, it } from "vitest";
import { normalizeShopDomain } from "./normalize-shop-domain";

describe("normalizeShopDomain", () => {
  it.each([
    ["northwind-outfitters", "northwind-outfitters.myshopify.com"],
    ["Northwind-Outfitters.myshopify.com", "northwind-outfitters.myshopify.com"],
    [" https://northwind-outfitters.myshopify.com/admin/apps ", "northwind-outfitters.myshopify.com"],
  ])("accepts %j as %s", (input, expected) => {
    expect(normalizeShopDomain(input)).toBe(expected);
  });

  it.each([
    "",
    "shop.example.com",
    "evil.com/x.myshopify.com",
    "-bad.myshopify.com",
    "a b",
    "northwind.myshopify.com.evil.com",
  ])("refuses %j", (input) => {
    expect(normalizeShopDomain(input)).toBeNull();
  });
});
