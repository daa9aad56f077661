import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyWebhookHmac } from "./verify-webhook-hmac";

const secret = "shpss_unit_secret";
const body = JSON.stringify({ inventory_item_id: 808950810, location_id: 905684977, available: 6 });
const sign = (payload: string | Buffer, key = secret) => createHmac("sha256", key).update(payload).digest("base64");

describe("verifyWebhookHmac", () => {
  it("accepts the signature of the exact body, as a string or as bytes", () => {
    expect(verifyWebhookHmac(body, sign(body), secret)).toBe(true);
    expect(verifyWebhookHmac(Buffer.from(body), sign(body), secret)).toBe(true);
  });

  it("signs bytes, not characters: a body with non-ASCII text verifies only against its UTF-8 bytes", () => {
    const text = JSON.stringify({ title: "Fjällräven Kånken — “café”" });
    expect(verifyWebhookHmac(Buffer.from(text, "utf8"), sign(Buffer.from(text, "utf8")), secret)).toBe(true);
    expect(verifyWebhookHmac(Buffer.from(text, "latin1"), sign(Buffer.from(text, "utf8")), secret)).toBe(false);
  });

  it("rejects a tampered body", () => {
    expect(verifyWebhookHmac(body.replace("6", "7"), sign(body), secret)).toBe(false);
    expect(verifyWebhookHmac(`${body} `, sign(body), secret)).toBe(false);
  });

  it("rejects a signature made with another secret", () => {
    expect(verifyWebhookHmac(body, sign(body, "someone-elses-secret"), secret)).toBe(false);
  });

  it("rejects a missing header or an empty secret", () => {
    expect(verifyWebhookHmac(body, null, secret)).toBe(false);
    expect(verifyWebhookHmac(body, "", secret)).toBe(false);
    expect(verifyWebhookHmac(body, sign(body, ""), "")).toBe(false);
  });

  it("rejects signatures of the wrong length or encoding without throwing", () => {
    const good = sign(body);
    expect(verifyWebhookHmac(body, good.slice(0, -4), secret)).toBe(false);
    expect(verifyWebhookHmac(body, `${good}AAAA`, secret)).toBe(false);
    expect(verifyWebhookHmac(body, createHmac("sha256", secret).update(body).digest("hex"), secret)).toBe(false);
    expect(verifyWebhookHmac(body, "not base64 at all!", secret)).toBe(false);
    expect(verifyWebhookHmac(body, Buffer.alloc(32).toString("base64"), secret)).toBe(false);
  });

  it("tolerates surrounding whitespace in the header", () => {
    expect(verifyWebhookHmac(body, ` ${sign(body)} `, secret)).toBe(true);
  });
});
