import { notFound } from "next/navigation";
import { prisma } from "@/lib/db/prisma";
import { requireUser } from "./current-user";
import type { SessionUser } from "./shop-context";

/** For the Support area: the signed-in support agent (checked in the database), or the 404 page for anyone else. */
export async function requireSupportAgent(): Promise<SessionUser> {
  const user = await requireUser();
  const agent = user.isSupportAgent ? await prisma.supportAgent.findUnique({ where: { userId: user.id } }) : null;
  if (!agent) notFound();
  return user;
}
