import { pgPool, statementName } from "./prisma";

/**
 * Runs one statement on the pool under Prisma through the driver alone, prepared under its name like Prisma's own:
 * for the hot statements where Prisma's work per query is the cost (the webhook intake's; the delivery engine's
 * claim, and record with the next slot's reservation, two per alert). Takes a `Prisma.sql` fragment (its `text`
 * numbers the parameters) or a fixed text with its values. Rows come back as the driver parses them: int8 and
 * numeric as strings, unlike `$queryRaw`, so a statement sent this way casts what it returns to what its caller reads.
 */
export async function driverQuery<Row>(statement: { text: string; values: readonly unknown[] }): Promise<Row[]> {
  // Read once: a Prisma.sql fragment builds its text anew on each read.
  const { text } = statement;
  const { rows } = await pgPool().query({ name: statementName(text), text, values: [...statement.values] });
  return rows as Row[];
}
