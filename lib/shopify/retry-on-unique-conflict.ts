import { Prisma } from "@/lib/generated/prisma/client";

/** True for Prisma's unique-constraint violation (P2002). */
export function isUniqueConflict(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Runs `work` again when it lost an insert race (two deliveries of the same Shopify object creating the same
 * row at once): the second try finds the row and updates it instead.
 */
export async function retryOnUniqueConflict<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isUniqueConflict(error)) throw error;
    }
  }
}
