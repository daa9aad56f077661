import { RateLimiterPrisma, type RateLimiterRes } from "rate-limiter-flexible";
import { prisma } from "@/lib/db/prisma";

/**
 * Three budgets. One address guessing one account is blocked after a few failures; one address guessing across
 * accounts is blocked after more. An account guessed from many addresses is only slowed (one try per pace
 * interval once its free failures are spent): a lockout anyone could aim at a victim would be a denial of
 * service, while the pace still caps a distributed guesser at a few hundred tries an hour.
 */
export const SIGN_IN_LIMITS = {
  accountFromAddress: { points: 5, durationSeconds: 15 * 60 },
  address: { points: 30, durationSeconds: 60 * 60 },
  account: { freeFailures: 10, durationSeconds: 60 * 60, paceSeconds: 10 },
} as const;

// Kept in PostgreSQL (not memory) so the limits hold across app instances and restarts.
const store = { storeClient: prisma, tableName: "rateLimiterFlexible" } as const;
const perAccountFromAddress = new RateLimiterPrisma({
  ...store,
  keyPrefix: "signin-account",
  points: SIGN_IN_LIMITS.accountFromAddress.points,
  duration: SIGN_IN_LIMITS.accountFromAddress.durationSeconds,
  blockDuration: SIGN_IN_LIMITS.accountFromAddress.durationSeconds,
});
const perAddress = new RateLimiterPrisma({
  ...store,
  keyPrefix: "signin-address",
  points: SIGN_IN_LIMITS.address.points,
  duration: SIGN_IN_LIMITS.address.durationSeconds,
  blockDuration: SIGN_IN_LIMITS.address.durationSeconds,
});
const perAccountFailures = new RateLimiterPrisma({
  ...store,
  keyPrefix: "signin-account-any",
  points: SIGN_IN_LIMITS.account.freeFailures,
  duration: SIGN_IN_LIMITS.account.durationSeconds,
});
const perAccountPace = new RateLimiterPrisma({
  ...store,
  keyPrefix: "signin-account-pace",
  points: 1,
  duration: SIGN_IN_LIMITS.account.paceSeconds,
});

const account = (email: string) => email.trim().toLowerCase();
const accountFromAddress = (email: string, address: string) => `${account(email)}|${address}`;

function wait(res: RateLimiterRes | null, limit: number): number {
  return res && res.consumedPoints >= limit ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
}

/** Seconds until another sign-in may be tried for this email from this address, or 0 when allowed now. */
export async function signInRetryAfter(email: string, address: string): Promise<number> {
  const [fromAddress, byAddress, pace] = await Promise.all([
    perAccountFromAddress.get(accountFromAddress(email, address)),
    perAddress.get(address),
    perAccountPace.get(account(email)),
  ]);
  return Math.max(
    wait(fromAddress, SIGN_IN_LIMITS.accountFromAddress.points),
    wait(byAddress, SIGN_IN_LIMITS.address.points),
    wait(pace, 1),
  );
}

/** Counts a failed sign-in against the email from this address, the address alone, and the email from anywhere. */
export async function recordFailedSignIn(email: string, address: string): Promise<void> {
  // consume() rejects once a limit is crossed; the count (and any block) is stored either way.
  const [, , failures] = await Promise.allSettled([
    perAccountFromAddress.consume(accountFromAddress(email, address)),
    perAddress.consume(address),
    perAccountFailures.consume(account(email)),
  ]);
  // Past its free failures, each further failure makes the account wait one pace interval before the next try.
  if (failures.status === "rejected") await perAccountPace.consume(account(email)).catch(() => undefined);
}

/**
 * A successful sign-in clears this address's failures for the account. The address budget and the account's
 * pace keep running: a guesser who also knows one working sign-in must not earn a fresh budget with it.
 */
export async function clearFailedSignIns(email: string, address: string): Promise<void> {
  await perAccountFromAddress.delete(accountFromAddress(email, address));
}
