import { createHash } from "node:crypto";

/** Distinct statements a process prepares; past it, a statement is parsed and planned each time, as unnamed. */
export const MAX_PREPARED_STATEMENTS = 200;

/**
 * Names each statement by its text, so each pooled connection parses and plans it once and PostgreSQL can keep its
 * plan (Prisma's earlier engine did the same, 100 statements per connection; its adapter for `pg` prepares nothing
 * unless given names). The delivery engine's claim planned in about 1 ms under load, longer than it ran: three
 * index-ordered picks, each with its own subquery, on a table of eleven indexes; in bench/many-shops.ts planning
 * was half of PostgreSQL's time. Bounded, because a statement whose text varies with its input (a list of N values)
 * would otherwise prepare one more statement per N on every connection.
 *
 * A pooler that hands each transaction a different server connection without tracking prepared statements
 * (PgBouncer in transaction mode without `max_prepared_statements`, added in 1.21) loses them, and so does PGlite's
 * single session shared by every connection in development: `pgbouncer=true` in the database URL, Prisma's own
 * switch for it, turns naming off: every statement is then unnamed ("").
 */
export function statementNamer(databaseUrl: string): (query: { sql: string }) => string {
  if (new URL(databaseUrl).searchParams.get("pgbouncer") === "true") return () => "";
  const named = new Set<string>();
  return ({ sql }) => {
    const name = `s${createHash("sha1").update(sql).digest("base64url")}`;
    if (named.has(name)) return name;
    // `pg` sends a statement with an empty name unnamed: parsed and planned for that one execution.
    if (named.size >= MAX_PREPARED_STATEMENTS) return "";
    named.add(name);
    return name;
  };
}
