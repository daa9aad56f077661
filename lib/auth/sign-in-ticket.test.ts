import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createSignInTicket, verifySignInTicket } from "./sign-in-ticket";

describe("sign-in tickets", () => {
  it("name the user they were minted for", async () => {
    expect(await verifySignInTicket(await createSignInTicket("user_123"))).toBe("user_123");
  });

  it("refuse a ticket signed with another key, for another audience, expired, malformed or not a string", async () => {
    const other = new TextEncoder().encode("x".repeat(32));
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("user_1")
      .setAudience("signalboard:sign-in")
      .setExpirationTime("1m")
      .sign(other);
    const ticket = await createSignInTicket("user_1");
    const [header, , signature] = ticket.split(".");
    const otherAudience = `${header}.${Buffer.from(JSON.stringify({ sub: "user_1", aud: "signalboard:portal", exp: 9_999_999_999 })).toString("base64url")}.${signature}`;
    const expired = `${header}.${Buffer.from(JSON.stringify({ sub: "user_1", aud: "signalboard:sign-in", exp: 1 })).toString("base64url")}.${signature}`;
    for (const bad of [forged, otherAudience, expired, "not-a-jwt", "", 42, undefined, "a".repeat(3_000)]) {
      expect(await verifySignInTicket(bad)).toBeNull();
    }
  });
});
