import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { driverQuery } from "./driver-query";
import { statementName } from "./prisma";

describe("driverQuery", () => {
  it("runs a Prisma.sql fragment with its values as parameters, never as SQL", async () => {
    const id = 'shop\'; DROP TABLE "Shop"; --';
    const statement = Prisma.sql`SELECT ${id}::text AS id, ${["a", "b"]}::text[] AS tags, ${7}::int AS n,
      ${null}::text AS none, ${{ a: 1 }}::jsonb AS doc`;
    expect(await driverQuery(statement)).toEqual([{ id, tags: ["a", "b"], n: 7, none: null, doc: { a: 1 } }]);
  });

  it("prepares the statement under the name statementName gives its text, so PostgreSQL plans it once", async () => {
    const text = "SELECT EXISTS (SELECT 1 FROM pg_prepared_statements WHERE name = $1) AS prepared";
    // While it runs, the statement is prepared on its connection under that name.
    expect(await driverQuery({ text, values: [statementName(text)] })).toEqual([{ prepared: true }]);
  });

  it("leaves int8 as the driver parses it (a string), unlike $queryRaw", async () => {
    const text = "SELECT count(*) AS n FROM generate_series(1, $1::int)";
    expect(await driverQuery({ text, values: [3] })).toEqual([{ n: "3" }]);
  });
});
