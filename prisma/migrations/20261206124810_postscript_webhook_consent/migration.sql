-- CreateEnum
CREATE TYPE "ConsentState" AS ENUM ('OPTED_IN', 'OPTED_OUT');

-- AlterTable
ALTER TABLE "PostscriptIntegration" ADD COLUMN     "encryptedWebhookToken" TEXT,
ADD COLUMN     "webhookError" TEXT,
ADD COLUMN     "webhookIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "SubscriberConsent" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "postscriptSubscriberId" TEXT,
    "state" "ConsentState" NOT NULL,
    "optedInAt" TIMESTAMP(3),
    "optedOutAt" TIMESTAMP(3),
    "lastEventAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubscriberConsent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SubscriberConsent_shopId_postscriptSubscriberId_idx" ON "SubscriberConsent"("shopId", "postscriptSubscriberId");

-- CreateIndex
CREATE UNIQUE INDEX "SubscriberConsent_shopId_phone_key" ON "SubscriberConsent"("shopId", "phone");

-- AddForeignKey
ALTER TABLE "SubscriberConsent" ADD CONSTRAINT "SubscriberConsent_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

