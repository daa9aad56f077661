import { describe, expect, it } from "vitest";
import { POOL_SIZE, prisma, TRANSACTION_MAX_WAIT_MS } from "./prisma";

describe("the process-wide Prisma client", () => {
  it("a transaction started while every pooled connection is busy waits its turn instead of failing", async () => {
    expect(TRANSACTION_MAX_WAIT_MS).toBeGreaterThan(3_000);
    // Every connection held for 3 s: longer than Prisma's default 2 s wait for a transaction's connection.
    const busy = Promise.all(
      Array.from({ length: POOL_SIZE }, () => prisma.$queryRaw`SELECT 1 AS one FROM pg_sleep(3)`),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const startedAt = Date.now();
    const result = await prisma.$transaction(async (tx) => tx.$queryRaw<{ one: number }[]>`SELECT 1 AS one`);
    expect(result).toEqual([{ one: 1 }]);
    expect(Date.now() - startedAt).toBeGreaterThan(2_000);
    await busy;
  }, 30_000);

  it("prepares its statements on the connection, so PostgreSQL parses and plans each once per connection", async () => {
    const rows = await prisma.$queryRaw<{ name: string }[]>`SELECT name FROM pg_prepared_statements WHERE NOT from_sql`;
    expect(rows.map((row) => row.name)).toContainEqual(expect.stringMatching(/^s[\w-]+$/));
  });
});
