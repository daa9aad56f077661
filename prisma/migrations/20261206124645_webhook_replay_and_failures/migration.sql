-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "bodySha256" TEXT,
ADD COLUMN     "failedAt" TIMESTAMP(3),
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_bodySha256_key" ON "WebhookEvent"("bodySha256");

-- CreateIndex
CREATE INDEX "WebhookEvent_processedAt_failedAt_receivedAt_idx" ON "WebhookEvent"("processedAt", "failedAt", "receivedAt");

