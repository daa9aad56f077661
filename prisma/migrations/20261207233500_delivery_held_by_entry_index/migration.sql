-- Open alerts by waitlist entry: a finished subscriber sync wakes the alerts held for it (lib/storefront/
-- sync-subscriber.ts). Without this index that lookup read every open row of every shop, once per signup: 14 ms
-- with 20,000 alerts planned, about half a second with 200,000. Partial (only rows not sent yet, which have an
-- entry), so it stays small however long the ledger grows; Prisma's schema cannot say that, so it is written here
-- only (lib/db/migrations-match-schema.test.ts knows it). Like the other Delivery
-- indexes, built inside the migration's transaction: on a big production table, build it CONCURRENTLY first.
CREATE INDEX "Delivery_open_by_waitlist_entry" ON "Delivery"("waitlistEntryId")
  WHERE status IN ('PENDING', 'RETRYING') AND "waitlistEntryId" IS NOT NULL;
