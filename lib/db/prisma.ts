import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { signalboardPrisma?: PrismaClient };

// Created on first use rather than at import, so `next build` and modules that never query need no database
// settings; kept on globalThis so dev hot reloads reuse one pool.
function client(): PrismaClient {
  globalForPrisma.signalboardPrisma ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 }),
  });
  return globalForPrisma.signalboardPrisma;
}

/** The process-wide Prisma client. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});
