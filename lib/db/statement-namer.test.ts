import { describe, expect, it } from "vitest";
import { MAX_PREPARED_STATEMENTS, statementNamer } from "./statement-namer";

const URL = "postgresql://u:p@127.0.0.1:5432/db";

describe("statementNamer", () => {
  it("gives a statement the same name every time and another statement another name", () => {
    const name = statementNamer(URL);
    const claim = name({ sql: "SELECT 1 FROM a WHERE id = $1" });
    expect(claim).toMatch(/^s[\w-]+$/);
    expect(name({ sql: "SELECT 1 FROM a WHERE id = $1" })).toBe(claim);
    expect(name({ sql: "SELECT 1 FROM b WHERE id = $1" })).not.toBe(claim);
  });

  it("stops naming new statements at the bound, and keeps the names it gave", () => {
    const name = statementNamer(URL);
    const first = name({ sql: "SELECT 0" });
    for (let i = 1; i < MAX_PREPARED_STATEMENTS; i++) expect(name({ sql: `SELECT ${i}` })).not.toBe("");
    expect(name({ sql: `SELECT ${MAX_PREPARED_STATEMENTS}` })).toBe("");
    expect(name({ sql: "SELECT 0" })).toBe(first);
  });

  it("names nothing behind a transaction-mode pooler (pgbouncer=true, as for Prisma)", () => {
    const sql = "SELECT 1 FROM a WHERE id = $1";
    expect(statementNamer(`${URL}?pgbouncer=true&sslmode=disable`)({ sql })).toBe("");
    expect(statementNamer(`${URL}?sslmode=disable`)({ sql })).toMatch(/^s[\w-]+$/);
  });
});
