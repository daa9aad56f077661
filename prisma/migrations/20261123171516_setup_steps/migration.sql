-- CreateEnum
CREATE TYPE "SmsProvider" AS ENUM ('BUILT_IN', 'KLAVIYO', 'POSTSCRIPT');

-- CreateEnum
CREATE TYPE "TestEventStatus" AS ENUM ('ACCEPTED', 'FAILED');

-- CreateTable
CREATE TABLE "SmsSettings" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "provider" "SmsProvider" NOT NULL DEFAULT 'BUILT_IN',
    "backInStockTemplate" TEXT NOT NULL,
    "reminderTemplate" TEXT NOT NULL,
    "preorderTemplate" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SmsSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TestEvent" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "status" "TestEventStatus" NOT NULL,
    "postscriptEventId" TEXT,
    "error" TEXT,
    "sentByUserId" TEXT,
    "sentByName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowConfirmation" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "confirmedByUserId" TEXT,
    "confirmedByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FlowConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SmsSettings_shopId_key" ON "SmsSettings"("shopId");

-- CreateIndex
CREATE INDEX "TestEvent_shopId_eventType_createdAt_idx" ON "TestEvent"("shopId", "eventType", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FlowConfirmation_shopId_eventType_key" ON "FlowConfirmation"("shopId", "eventType");

-- AddForeignKey
ALTER TABLE "SmsSettings" ADD CONSTRAINT "SmsSettings_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestEvent" ADD CONSTRAINT "TestEvent_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowConfirmation" ADD CONSTRAINT "FlowConfirmation_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

