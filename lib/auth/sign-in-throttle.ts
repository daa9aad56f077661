import { RateLimiterPrisma, type RateLimiterRes } from "rate-limiter-flexible";
import { prisma } from "@/lib/db/prisma";

// Kept in PostgreSQL (not memory) so the limit holds across app instances and restarts.
const perAccount = new RateLimiterPrisma({
  storeClient: prisma,
  tableName: "rateLimiterFlexible",
  keyPrefix: "signin-account",
  points: 5,
  duration: 15 * 60,
  blockDuration: 15 * 60,
});
const perAddress = new RateLimiterPrisma({
  storeClient: prisma,
  tableName: "rateLimiterFlexible",
  keyPrefix: "signin-address",
  points: 30,
  duration: 60 * 60,
  blockDuration: 60 * 60,
});

function accountKey(email: string, address: string) {
  return `${email.trim().toLowerCase()}|${address}`;
}

/** Seconds until another sign-in may be tried for this email from this address, or 0 when allowed now. */
export async function signInRetryAfter(email: string, address: string): Promise<number> {
  const [account, addr] = await Promise.all([perAccount.get(accountKey(email, address)), perAddress.get(address)]);
  const blocked = (res: RateLimiterRes | null, limit: number) =>
    res && res.consumedPoints >= limit ? Math.ceil(res.msBeforeNext / 1000) : 0;
  return Math.max(blocked(account, 5), blocked(addr, 30));
}

/** Counts a failed sign-in against the email (from this address) and against the address alone. */
export async function recordFailedSignIn(email: string, address: string): Promise<void> {
  // consume() rejects once the limit is crossed; the block is stored either way, which is all we need.
  await Promise.allSettled([perAccount.consume(accountKey(email, address)), perAddress.consume(address)]);
}

/** A successful sign-in clears the account's failures (the address budget keeps running). */
export async function clearFailedSignIns(email: string, address: string): Promise<void> {
  await perAccount.delete(accountKey(email, address));
}
