-- WaitlistEntry is small beside Delivery; on a big production table this would be CREATE INDEX CONCURRENTLY, which
-- needs a migration outside a transaction (lib/db/migrate.ts runs each in one).
-- CreateIndex
CREATE INDEX "WaitlistEntry_shopId_postscriptSync_idx" ON "WaitlistEntry"("shopId", "postscriptSync");
