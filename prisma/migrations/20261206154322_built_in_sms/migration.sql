-- AlterTable
ALTER TABLE "SmsSettings" ADD COLUMN     "quietEndHour" INTEGER NOT NULL DEFAULT 8,
ADD COLUMN     "quietHoursEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "quietStartHour" INTEGER NOT NULL DEFAULT 21,
ADD COLUMN     "sendPerSecond" INTEGER NOT NULL DEFAULT 10;

-- CreateTable
CREATE TABLE "SmsMessage" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "sid" TEXT NOT NULL,
    "toPhone" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "segments" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "errorCode" INTEGER,
    "errorMessage" TEXT,
    "statusAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmsMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsOptOut" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "keyword" TEXT NOT NULL,
    "optedOutAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "optedInAt" TIMESTAMP(3),

    CONSTRAINT "SmsOptOut_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsSignupConsent" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "consentText" TEXT NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "pageUrl" TEXT,
    "consentedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmsSignupConsent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SmsMessage_deliveryId_key" ON "SmsMessage"("deliveryId");

-- CreateIndex
CREATE UNIQUE INDEX "SmsMessage_sid_key" ON "SmsMessage"("sid");

-- CreateIndex
CREATE INDEX "SmsMessage_shopId_createdAt_idx" ON "SmsMessage"("shopId", "createdAt");

-- CreateIndex
CREATE INDEX "SmsMessage_toPhone_createdAt_idx" ON "SmsMessage"("toPhone", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SmsOptOut_shopId_phone_key" ON "SmsOptOut"("shopId", "phone");

-- CreateIndex
CREATE INDEX "SmsSignupConsent_shopId_phone_consentedAt_idx" ON "SmsSignupConsent"("shopId", "phone", "consentedAt");

-- AddForeignKey
ALTER TABLE "SmsMessage" ADD CONSTRAINT "SmsMessage_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsOptOut" ADD CONSTRAINT "SmsOptOut_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsSignupConsent" ADD CONSTRAINT "SmsSignupConsent_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

