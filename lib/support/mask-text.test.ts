import { describe, expect, it } from "vitest";
import { maskProperty, maskText } from "./mask-text";

describe("maskText", () => {
  it("masks phone numbers and emails inside text and leaves the rest", () => {
    expect(maskText("Invalid phone +14155552671 for jamie@example.com (HTTP 400)")).toBe(
      "Invalid phone +1••••••2671 for j•••@example.com (HTTP 400)",
    );
    expect(maskText('{"customer_phone":"+1 415-555-2671"}')).toBe('{"customer_phone":"+1••••••2671"}');
  });

  it("keeps short numbers such as statuses, counts and dates", () => {
    expect(maskText("Gave up after 12 attempts. Last answer: 503 at 2026-11-23")).toBe(
      "Gave up after 12 attempts. Last answer: 503 at 2026-11-23",
    );
  });
});

describe("links and names an agent sees", () => {
  const portal =
    "https://signalboard.example.com/edit/cm4x2k9p80001abcdxyz12345.Qk3v_9sL-2mN8pQr4sT6uV8wX0yZ1aB3cD5eF7gH9iJ";

  it("never shows an order's portal link whole (edit_url is the customer's login)", () => {
    expect(maskText(portal)).toBe("https://signalboard.example.com/edit/••••");
    expect(maskText(`Order editing saved (edit_url ${portal}).`)).toBe(
      "Order editing saved (edit_url https://signalboard.example.com/edit/••••).",
    );
    expect(maskText(JSON.stringify({ edit_url: portal }))).toBe(
      '{"edit_url":"https://signalboard.example.com/edit/••••"}',
    );
  });

  it("leaves a purchase link's variant id readable instead of masking it as a phone number", () => {
    const link = "https://northwind.myshopify.com/products/merino-beanie?variant=46211000000012";
    expect(maskText(link)).toBe(link);
    expect(maskText("https://cdn.shopify.com/s/files/1/0602/3390/6233/products/beanie.jpg?v=1700000000")).toBe(
      "https://cdn.shopify.com/s/files/1/0602/3390/6233/products/beanie.jpg?v=1700000000",
    );
  });

  it("hides tokens and masks emails in a link's query", () => {
    expect(maskText("https://x.example/cb?token=aB3dE5fG7hJ9kL1mN3pQ5r&email=jamie@example.com&variant=462")).toBe(
      "https://x.example/cb?token=••••&email=j•••@example.com&variant=462",
    );
  });

  it("masks a customer's name like a contact, and leaves shop, product and strategy names", () => {
    expect(maskProperty("customer_name", "Jamie Rivera")).toBe("J••• R•••");
    expect(maskProperty("product_name", "Merino Beanie")).toBe("Merino Beanie");
    expect(maskProperty("shop_name", "Northwind Outfitters")).toBe("Northwind Outfitters");
    expect(maskProperty("customer_phone", "+14155552671")).toBe("+1••••••2671");
    expect(maskProperty("edit_url", portal)).toBe("https://signalboard.example.com/edit/••••");
  });
});
