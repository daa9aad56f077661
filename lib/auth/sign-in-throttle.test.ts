import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { handlers } from "./auth";
import { hashPassword } from "./password";
import { clearFailedSignIns, recordFailedSignIn, SIGN_IN_LIMITS, signInRetryAfter } from "./sign-in-throttle";

const hex = (n: number) => randomBytes(n).toString("hex");

/** A support agent with a password: merchants sign in through Shopify, the password form is for agents. */
async function supportAgent() {
  const password = `pw-${hex(6)}`;
  const email = `agent-${hex(4)}@signalboard.test`;
  await prisma.user.create({
    data: { email, name: "Agent", passwordHash: await hashPassword(password), supportAgent: { create: {} } },
  });
  return { email, password };
}

/**
 * The credentials callback as a browser reaches it through `next start`: `forwardedFor` is the X-Forwarded-For
 * header Next's handlers see, with the socket's address already appended last (appendSocketAddress).
 */
async function signInThroughCallback(email: string, password: string, forwardedFor: string): Promise<string> {
  const csrf = await handlers.GET(new Request("http://app.test/api/auth/csrf") as never);
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await handlers.POST(
    new Request("http://app.test/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": forwardedFor, cookie },
      body: new URLSearchParams({ email, password, csrfToken }),
    }) as never,
  );
  if (response.headers.getSetCookie().some((c) => /session-token=[^;]+/.test(c))) return "signed-in";
  return new URL(response.headers.get("location") ?? "http://app.test/").searchParams.get("code") ?? "no-code";
}

describe("sign-in throttle", () => {
  it("blocks an account from an address after five failures, for minutes, and a success clears it", async () => {
    const email = `${hex(4)}@test.example`;
    const address = `10.0.0.${randomBytes(1)[0]}-${hex(2)}`;
    for (let i = 0; i < 4; i++) await recordFailedSignIn(email, address);
    expect(await signInRetryAfter(email, address)).toBe(0);
    await recordFailedSignIn(email, address);
    const wait = await signInRetryAfter(email, address);
    expect(wait).toBeGreaterThan(14 * 60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    // The same email from elsewhere is not locked out by someone else's guesses.
    expect(await signInRetryAfter(email, "192.0.2.99")).toBe(0);
    await clearFailedSignIns(email, address);
    expect(await signInRetryAfter(email, address)).toBe(0);
  });

  it("blocks an address that guesses across many accounts", async () => {
    const address = `198.51.100.${randomBytes(1)[0]}-${hex(2)}`;
    for (let i = 0; i < 30; i++) await recordFailedSignIn(`user${i}-${hex(2)}@test.example`, address);
    expect(await signInRetryAfter("fresh@test.example", address)).toBeGreaterThan(0);
  });

  it("40 wrong passwords with 40 made-up X-Forwarded-For entries from one socket are throttled; the right one is then refused", async () => {
    const agent = await supportAgent();
    const socket = `203.0.113.${randomBytes(1)[0]}-${hex(2)}`;
    const codes: string[] = [];
    for (let i = 0; i < 40; i++)
      codes.push(await signInThroughCallback(agent.email, "wrong-password", `10.9.${i}.1, ${socket}`));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill("invalid_credentials"));
    expect(new Set(codes.slice(5))).toEqual(new Set(["too_many_attempts"]));
    expect(await signInThroughCallback(agent.email, agent.password, `10.9.99.1, ${socket}`)).toBe("too_many_attempts");
  }, 60_000);

  it("a victim's address written into X-Forwarded-For by an attacker does not lock the victim out", async () => {
    const agent = await supportAgent();
    const victim = `192.0.2.${randomBytes(1)[0]}-${hex(2)}`;
    const attacker = `198.51.100.${randomBytes(1)[0]}-${hex(2)}`;
    for (let i = 0; i < 6; i++) await signInThroughCallback(agent.email, "wrong-password", `${victim}, ${attacker}`);
    expect(await signInThroughCallback(agent.email, agent.password, victim)).toBe("signed-in");
  }, 30_000);

  it("an account guessed from many addresses is slowed to one try per pace interval, never locked out", async () => {
    const agent = await supportAgent();
    for (let i = 0; i <= SIGN_IN_LIMITS.account.freeFailures; i++) {
      expect(
        await signInThroughCallback(agent.email, "wrong-password", `198.18.${i}.${randomBytes(1)[0]}-${hex(2)}`),
      ).toBe("invalid_credentials");
    }
    // Any address now waits at most one pace interval, the owner included.
    const owner = `192.0.2.${randomBytes(1)[0]}-${hex(2)}`;
    const wait = await signInRetryAfter(agent.email, owner);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(SIGN_IN_LIMITS.account.paceSeconds);
    expect(await signInThroughCallback(agent.email, agent.password, owner)).toBe("too_many_attempts");
    // Once the interval has passed (its row expired), the owner's right password works.
    await prisma.rateLimiterFlexible.updateMany({
      where: { key: `signin-account-pace:${agent.email}` },
      data: { expire: new Date(Date.now() - 1000) },
    });
    expect(await signInThroughCallback(agent.email, agent.password, owner)).toBe("signed-in");
  }, 30_000);
});
