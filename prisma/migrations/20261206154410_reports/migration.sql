-- CreateEnum
CREATE TYPE "AttributionKind" AS ENUM ('RESTOCK_ALERT', 'PREORDER');

-- CreateTable
CREATE TABLE "ReportSettings" (
    "shopId" TEXT NOT NULL,
    "attributionWindowDays" INTEGER NOT NULL DEFAULT 7,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportSettings_pkey" PRIMARY KEY ("shopId")
);

-- CreateTable
CREATE TABLE "ReportDay" (
    "shopId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "metric" TEXT NOT NULL,
    "key" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL DEFAULT 0,
    "amount" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "minutes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ReportDay_pkey" PRIMARY KEY ("shopId","day","metric","key")
);

-- CreateTable
CREATE TABLE "ReportClick" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "restockId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportClick_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportAttribution" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "kind" "AttributionKind" NOT NULL,
    "variantId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "revenue" DECIMAL(14,2) NOT NULL,
    "deliveryId" TEXT,
    "alertedAt" TIMESTAMP(3),
    "orderedAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportAttribution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportRollupState" (
    "source" TEXT NOT NULL,
    "watermark" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportRollupState_pkey" PRIMARY KEY ("source")
);

-- CreateIndex
CREATE INDEX "ReportClick_shopId_createdAt_idx" ON "ReportClick"("shopId", "createdAt");

-- CreateIndex
CREATE INDEX "ReportClick_createdAt_idx" ON "ReportClick"("createdAt");

-- CreateIndex
CREATE INDEX "ReportAttribution_shopId_orderedAt_idx" ON "ReportAttribution"("shopId", "orderedAt");

-- CreateIndex
CREATE INDEX "ReportAttribution_updatedAt_idx" ON "ReportAttribution"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReportAttribution_orderId_kind_variantId_key" ON "ReportAttribution"("orderId", "kind", "variantId");

-- CreateIndex
CREATE INDEX "WaitlistEntry_updatedAt_idx" ON "WaitlistEntry"("updatedAt");

-- CreateIndex
CREATE INDEX "Delivery_updatedAt_idx" ON "Delivery"("updatedAt");

-- AddForeignKey
ALTER TABLE "ReportSettings" ADD CONSTRAINT "ReportSettings_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportDay" ADD CONSTRAINT "ReportDay_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportClick" ADD CONSTRAINT "ReportClick_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportAttribution" ADD CONSTRAINT "ReportAttribution_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportAttribution" ADD CONSTRAINT "ReportAttribution_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

