import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { signSessionToken, type SessionTokenClaims } from "@/lib/shopify-standin/sign-session-token";
import { verifySessionToken } from "./verify-session-token";

const shop = "verify-test.myshopify.com";

function token(claims: Partial<SessionTokenClaims> = {}) {
  return signSessionToken({
    apiKey: process.env.SHOPIFY_API_KEY!,
    apiSecret: process.env.SHOPIFY_API_SECRET!,
    shop,
    userId: "42",
    ...claims,
  });
}

async function refusal(idToken: string): Promise<AppError> {
  const error = await verifySessionToken(idToken).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("UNAUTHENTICATED");
  expect((error as AppError).message).not.toContain(idToken);
  return error as AppError;
}

describe("verifySessionToken", () => {
  it("accepts a token signed as the admin signs it and names the shop, the staff member and the session", async () => {
    const idToken = await token();
    const verified = await verifySessionToken(idToken);
    expect(verified).toMatchObject({ shop, shopifyUserId: "42", raw: idToken });
    expect(verified.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("tolerates a few seconds of clock skew", async () => {
    await expect(verifySessionToken(await token({ expiresIn: -5 }))).resolves.toMatchObject({ shop });
    await expect(verifySessionToken(await token({ notBefore: 5 }))).resolves.toMatchObject({ shop });
  });

  it("refuses an expired token", async () => {
    expect((await refusal(await token({ expiresIn: -60 }))).message).toBe(
      "Your Shopify session expired — reopen the app from your Shopify admin.",
    );
  });

  it("refuses a token that is not valid yet", async () => {
    expect((await refusal(await token({ notBefore: 120, expiresIn: 180 }))).message).toMatch(/not valid yet/);
  });

  it("refuses a token issued for another app", async () => {
    expect((await refusal(await token({ apiKey: "another-app" }))).message).toMatch(/issued for another app/);
  });

  it("refuses a token signed with another secret", async () => {
    expect((await refusal(await token({ apiSecret: "shpss_someone_else" }))).message).toMatch(/signature is not valid/);
  });

  it("refuses a token whose iss and dest name different shops", async () => {
    expect((await refusal(await token({ dest: "https://other-shop.myshopify.com" }))).message).toMatch(
      /two different shops/,
    );
  });

  it("refuses a token naming a shop that is not a myshopify domain", async () => {
    const error = await refusal(
      await token({ iss: "https://evil.example.com/admin", dest: "https://evil.example.com" }),
    );
    expect(error.message).toMatch(/malformed/);
  });

  it("refuses something that is not a JWT", async () => {
    expect((await refusal("not-a-token")).message).toMatch(/malformed/);
  });
});
