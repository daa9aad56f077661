-- DropIndex
DROP INDEX "Delivery_shopId_eventType_status_idx";

-- CreateIndex
CREATE INDEX "WaitlistEntry_shopId_createdAt_idx" ON "WaitlistEntry"("shopId", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_shopId_eventType_status_deliveredAt_idx" ON "Delivery"("shopId", "eventType", "status", "deliveredAt");

