import { randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors/app-error";
import type { PrismaClient } from "../generated/prisma/client";
import { hashPassword } from "./password";

const emailSchema = z
  .email({ message: "Give the agent's email address, e.g. npm run support:add -- sam@signalboard.example" })
  .max(320);

/**
 * Creates a support agent (our staff, with a password: agents do not sign in through Shopify), or issues a new
 * password to an existing agent when `resetPassword` is set. Returns the one-time password to hand over; only its
 * argon2id hash is stored. A merchant's account is never turned into an agent.
 */
export async function addSupportAgent(
  prisma: PrismaClient,
  input: { email: string; name?: string; resetPassword?: boolean },
): Promise<{ email: string; password: string; created: boolean }> {
  const parsed = emailSchema.safeParse(input.email.trim().toLowerCase());
  if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues[0]!.message);
  const email = parsed.data;
  const password = randomBytes(18).toString("base64url");
  const passwordHash = await hashPassword(password);

  const existing = await prisma.user.findUnique({
    where: { email },
    include: { supportAgent: true, memberships: { select: { id: true } } },
  });
  if (existing && !existing.supportAgent) {
    throw new AppError(
      "CONFLICT",
      `${email} is a merchant's account (signs in through Shopify); use another address for the agent.`,
    );
  }
  if (existing) {
    if (!input.resetPassword)
      throw new AppError(
        "CONFLICT",
        `${email} is already a support agent; add --reset-password to issue a new password.`,
      );
    // A new password ends the agent's open sessions too.
    await prisma.user.update({ where: { id: existing.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    return { email, password, created: false };
  }
  await prisma.user.create({
    data: { email, name: input.name?.trim() || email.split("@")[0]!, passwordHash, supportAgent: { create: {} } },
  });
  return { email, password, created: true };
}
