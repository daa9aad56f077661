-- CreateIndex
CREATE INDEX "WaitlistEntry_shopId_variantId_status_channel_createdAt_idx" ON "WaitlistEntry"("shopId", "variantId", "status", "channel", "createdAt");

