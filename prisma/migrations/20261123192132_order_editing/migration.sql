-- CreateEnum
CREATE TYPE "OrderEditStatus" AS ENUM ('OPEN', 'SAVED', 'ABANDONED');

-- CreateEnum
CREATE TYPE "UpsellPlacement" AS ENUM ('DURING_EDITING', 'ORDER_STATUS');

-- CreateEnum
CREATE TYPE "UpsellProductRule" AS ENUM ('SPECIFIC_PRODUCTS', 'SAME_VENDOR', 'SAME_PRODUCT_TYPE');

-- CreateEnum
CREATE TYPE "DiscountType" AS ENUM ('PERCENTAGE', 'FIXED_AMOUNT');

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "productType" TEXT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "currency" TEXT,
ADD COLUMN     "editDeadline" TIMESTAMP(3),
ADD COLUMN     "fulfilledAt" TIMESTAMP(3),
ADD COLUMN     "lastEditedAt" TIMESTAMP(3),
ADD COLUMN     "placedAt" TIMESTAMP(3),
ADD COLUMN     "shippingAddress" JSONB,
ADD COLUMN     "totalPrice" TEXT;

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "orderEditId" TEXT,
ADD COLUMN     "upsellStrategyId" TEXT;

-- CreateTable
CREATE TABLE "KlaviyoIntegration" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "encryptedKey" TEXT,
    "keyLast4" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "verification" "KeyVerification" NOT NULL DEFAULT 'UNVERIFIED',
    "lastVerifiedAt" TIMESTAMP(3),
    "lastCheckedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "accountName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KlaviyoIntegration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderEditingSettings" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "editWindowMinutes" INTEGER NOT NULL DEFAULT 120,
    "editUntilFulfilled" BOOLEAN NOT NULL DEFAULT false,
    "abandonedDelayMinutes" INTEGER NOT NULL DEFAULT 30,
    "deadlineNudgeEnabled" BOOLEAN NOT NULL DEFAULT false,
    "deadlineNudgeMinutes" INTEGER NOT NULL DEFAULT 30,
    "notifyPostscript" BOOLEAN NOT NULL DEFAULT true,
    "notifyKlaviyo" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderEditingSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderEdit" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "status" "OrderEditStatus" NOT NULL DEFAULT 'OPEN',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "abandonCheckAt" TIMESTAMP(3),
    "abandonedAt" TIMESTAMP(3),
    "savedAt" TIMESTAMP(3),
    "changes" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderEdit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UpsellStrategy" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "placement" "UpsellPlacement" NOT NULL DEFAULT 'DURING_EDITING',
    "productRule" "UpsellProductRule" NOT NULL DEFAULT 'SPECIFIC_PRODUCTS',
    "productIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "discountType" "DiscountType" NOT NULL DEFAULT 'PERCENTAGE',
    "discountValue" TEXT NOT NULL DEFAULT '0',
    "maxOffers" INTEGER NOT NULL DEFAULT 3,
    "notifyPostscript" BOOLEAN NOT NULL DEFAULT false,
    "notifyKlaviyo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UpsellStrategy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "KlaviyoIntegration_shopId_key" ON "KlaviyoIntegration"("shopId");

-- CreateIndex
CREATE UNIQUE INDEX "OrderEditingSettings_shopId_key" ON "OrderEditingSettings"("shopId");

-- CreateIndex
CREATE INDEX "OrderEdit_orderId_status_idx" ON "OrderEdit"("orderId", "status");

-- CreateIndex
CREATE INDEX "OrderEdit_status_abandonCheckAt_idx" ON "OrderEdit"("status", "abandonCheckAt");

-- CreateIndex
CREATE INDEX "UpsellStrategy_shopId_placement_enabled_idx" ON "UpsellStrategy"("shopId", "placement", "enabled");

-- CreateIndex
CREATE INDEX "Order_shopId_createdAt_idx" ON "Order"("shopId", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_orderId_idx" ON "Delivery"("orderId");

-- AddForeignKey
ALTER TABLE "KlaviyoIntegration" ADD CONSTRAINT "KlaviyoIntegration_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderEditingSettings" ADD CONSTRAINT "OrderEditingSettings_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderEdit" ADD CONSTRAINT "OrderEdit_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderEdit" ADD CONSTRAINT "OrderEdit_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UpsellStrategy" ADD CONSTRAINT "UpsellStrategy_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

