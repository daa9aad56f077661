import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";

/**
 * Signup budgets. Per address: generous enough for a household or an office behind one IP joining several
 * waitlists, tight enough that a script cannot pump thousands of opt-in texts. Per shop and contact: the same
 * phone or email cannot be signed up over and over (each Postscript signup may text that number).
 */
export const WAITLIST_LIMITS = {
  perAddress: { points: 20, durationSeconds: 10 * 60 },
  perContact: { points: 6, durationSeconds: 10 * 60 },
} as const;

// Kept in PostgreSQL (like sign-in throttling) so the limits hold across app instances and restarts.
const perAddress = new RateLimiterPrisma({
  storeClient: prisma,
  tableName: "rateLimiterFlexible",
  keyPrefix: "waitlist-address",
  points: WAITLIST_LIMITS.perAddress.points,
  duration: WAITLIST_LIMITS.perAddress.durationSeconds,
});
const perContact = new RateLimiterPrisma({
  storeClient: prisma,
  tableName: "rateLimiterFlexible",
  keyPrefix: "waitlist-contact",
  points: WAITLIST_LIMITS.perContact.points,
  duration: WAITLIST_LIMITS.perContact.durationSeconds,
});

/** A 429 with how long to wait; the message says it in words a shopper reads. */
export class TooManySignupsError extends AppError {
  override name = "TooManySignupsError";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("RATE_LIMITED", message);
  }
}

function inWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/**
 * Counts one signup against the caller's address (clientAddress, one hop past Shopify's proxy: the
 * shopper's IP) and against the shop + contact (E.164 phone, else email). Throws TooManySignupsError once
 * either budget is spent; the counts live in the `rateLimiterFlexible` table.
 */
export async function throttleWaitlistSignup(address: string, shopId: string, customerKey: string): Promise<void> {
  const [byAddress, byContact] = await Promise.allSettled([
    perAddress.consume(address),
    perContact.consume(`${shopId}|${customerKey}`),
  ]);
  for (const outcome of [byAddress, byContact]) {
    // rate-limiter-flexible rejects with a RateLimiterRes when over budget, with an Error when its store fails.
    if (outcome.status === "rejected" && !(outcome.reason instanceof RateLimiterRes)) throw outcome.reason;
  }
  const blocked = (outcome: PromiseSettledResult<RateLimiterRes>) =>
    outcome.status === "rejected" ? Math.max(1, Math.ceil((outcome.reason as RateLimiterRes).msBeforeNext / 1000)) : 0;
  const addressWait = blocked(byAddress);
  const contactWait = blocked(byContact);
  if (addressWait >= contactWait && addressWait > 0) {
    throw new TooManySignupsError(
      `Too many signups from your connection. Please try again in ${inWords(addressWait)}.`,
      addressWait,
    );
  }
  if (contactWait > 0) {
    throw new TooManySignupsError(
      `Too many signups with these contact details. Please try again in ${inWords(contactWait)}.`,
      contactWait,
    );
  }
}
