import { Prisma } from "@/lib/generated/prisma/client";

/**
 * A JS Date as a SQL `timestamp(3)` in UTC, as Prisma stores DateTime columns: sent as whole milliseconds since
 * the epoch, so it means the same instant whatever the session's time zone.
 */
export function sqlUtcTimestamp(date: Date): Prisma.Sql {
  return Prisma.sql`(TIMESTAMP 'epoch' + ${date.getTime()}::float8 * INTERVAL '1 millisecond')::timestamp(3)`;
}
