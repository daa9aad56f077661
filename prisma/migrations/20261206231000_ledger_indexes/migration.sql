-- CreateIndex
CREATE INDEX "Delivery_shopId_status_updatedAt_idx" ON "Delivery"("shopId", "status", "updatedAt");

-- CreateIndex
CREATE INDEX "Delivery_shopId_eventType_createdAt_idx" ON "Delivery"("shopId", "eventType", "createdAt");

-- CreateIndex
CREATE INDEX "WaitlistEntry_shopId_status_postscriptSync_idx" ON "WaitlistEntry"("shopId", "status", "postscriptSync");
