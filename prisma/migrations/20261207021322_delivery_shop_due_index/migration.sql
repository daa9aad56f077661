-- CreateIndex
CREATE INDEX "Delivery_shopId_status_nextAttemptAt_idx" ON "Delivery"("shopId", "status", "nextAttemptAt");

