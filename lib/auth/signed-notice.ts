import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

function mac(message: string): string {
  return createHmac("sha256", `notice:${env().AUTH_SECRET}`).update(message).digest("base64url");
}

/**
 * Query parameters that carry a message to the sign-in problem page. The page shows only messages this server
 * signed, so a crafted link cannot put words of an attacker's choosing on our domain.
 */
export function signedNotice(message: string): URLSearchParams {
  return new URLSearchParams({ message, sig: mac(message) });
}

/** The message, when its signature is ours; otherwise null. */
export function readSignedNotice(message: string | undefined, sig: string | undefined): string | null {
  if (!message || !sig || message.length > 500) return null;
  const expected = Buffer.from(mac(message));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? message : null;
}
