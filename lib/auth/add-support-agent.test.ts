import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createMerchant, createShop } from "@/lib/testing/fixtures";
import { addSupportAgent } from "./add-support-agent";
import { verifyPassword } from "./password";

const email = () => `agent-${randomBytes(4).toString("hex")}@signalboard.test`;

describe("addSupportAgent", () => {
  it("creates an agent whose one-time password verifies, storing only its hash", async () => {
    const address = email();
    const result = await addSupportAgent(prisma, { email: address.toUpperCase(), name: "Sam Rivera" });
    expect(result).toMatchObject({ email: address, created: true });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: address }, include: { supportAgent: true } });
    expect(user.supportAgent).not.toBeNull();
    expect(user.passwordHash).not.toContain(result.password);
    expect(await verifyPassword(user.passwordHash!, result.password)).toBe(true);
  });

  it("refuses to add an existing agent again unless asked to reset the password, which ends their sessions", async () => {
    const address = email();
    const first = await addSupportAgent(prisma, { email: address });
    await expect(addSupportAgent(prisma, { email: address })).rejects.toThrow("already a support agent");
    const second = await addSupportAgent(prisma, { email: address, resetPassword: true });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: address } });
    expect(await verifyPassword(user.passwordHash!, second.password)).toBe(true);
    expect(await verifyPassword(user.passwordHash!, first.password)).toBe(false);
    expect(user.sessionVersion).toBe(1);
  });

  it("never turns a merchant into an agent, and refuses a malformed email", async () => {
    const merchant = await createMerchant((await createShop()).id);
    await expect(addSupportAgent(prisma, { email: merchant.email! })).rejects.toThrow("merchant's account");
    expect(await prisma.supportAgent.count({ where: { userId: merchant.id } })).toBe(0);
    await expect(addSupportAgent(prisma, { email: "not-an-email" })).rejects.toThrow("Give the agent's email address");
  });
});
