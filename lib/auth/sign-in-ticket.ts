import { createHash } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import { env } from "@/lib/env";

const AUDIENCE = "signalboard:sign-in";
const LIFETIME_SECONDS = 60;

// A key of its own, derived from AUTH_SECRET, so a ticket can never be mistaken for a session or a portal link.
function key(): Uint8Array {
  return createHash("sha256").update(`sign-in-ticket:${env().AUTH_SECRET}`).digest();
}

/**
 * A one-minute proof, minted on the server after Shopify vouched for a staff member (session token or OAuth),
 * that the Auth.js "shopify" provider accepts. It is handed to Auth.js inside the same request and never sent to
 * a browser; the provider's public callback refuses anything not signed here.
 */
export function createSignInTicket(userId: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .sign(key());
}

/** The user id a valid ticket names, or null for anything expired, forged or malformed. */
export async function verifySignInTicket(ticket: unknown): Promise<string | null> {
  if (typeof ticket !== "string" || ticket.length > 2_000) return null;
  try {
    const { payload } = await jwtVerify(ticket, key(), { audience: AUDIENCE, algorithms: ["HS256"] });
    return typeof payload.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}
