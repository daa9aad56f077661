import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { signalboardPrisma?: PrismaClient };

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 }) });
}

/** The process-wide Prisma client (kept on globalThis so dev hot reloads don't open new pools). */
export const prisma: PrismaClient = globalForPrisma.signalboardPrisma ?? createClient();
globalForPrisma.signalboardPrisma = prisma;
