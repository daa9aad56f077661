import { randomBytes } from "node:crypto";
import type { SessionUser } from "@/lib/auth/shop-context";
import { prisma } from "@/lib/db/prisma";
import type { MembershipRole, Plan } from "@/lib/generated/prisma/client";

function unique(prefix: string) {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** A shop of its own for one test (tests share the run's database, so nothing collides). */
export async function createShop(options: { plan?: Plan; name?: string } = {}) {
  const handle = unique("shop");
  return prisma.shop.create({
    data: { domain: `${handle}.myshopify.com`, name: options.name ?? `Test ${handle}`, plan: options.plan ?? "PAID" },
  });
}

/** A user with a membership in the given shop, as the session would present them. */
export async function createMerchant(shopId: string, role: MembershipRole = "OWNER"): Promise<SessionUser> {
  const email = `${unique("merchant")}@test.example`;
  const user = await prisma.user.create({
    data: { email, name: "Test Merchant", memberships: { create: { shopId, role } } },
  });
  return { id: user.id, email, name: user.name, isSupportAgent: false };
}

/** A support agent (no memberships). */
export async function createSupportAgent(): Promise<SessionUser> {
  const email = `${unique("agent")}@signalboard.test`;
  const user = await prisma.user.create({
    data: { email, name: "Test Agent", passwordHash: "unused", supportAgent: { create: {} } },
  });
  return { id: user.id, email, name: user.name, isSupportAgent: true };
}

/** A sandbox API key of its own (each key is a separate sandbox account). */
export function sandboxKey(kind = ""): string {
  return `sk_sandbox_${kind}${randomBytes(8).toString("hex")}`;
}
