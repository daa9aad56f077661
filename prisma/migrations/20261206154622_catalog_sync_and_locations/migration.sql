-- CreateEnum
CREATE TYPE "CatalogSyncKind" AS ENUM ('FULL', 'RECONCILE');

-- CreateEnum
CREATE TYPE "CatalogSyncStatus" AS ENUM ('RUNNING', 'WAITING_BULK', 'COMPLETED', 'FAILED');

-- AlterTable
ALTER TABLE "Variant" ADD COLUMN     "imageUrl" TEXT,
ADD COLUMN     "lastSyncedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Location" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "shopifyLocationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "fulfillsOnlineOrders" BOOLEAN NOT NULL,
    "sellsOnline" BOOLEAN,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Location_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogSync" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "kind" "CatalogSyncKind" NOT NULL,
    "status" "CatalogSyncStatus" NOT NULL DEFAULT 'RUNNING',
    "mode" TEXT NOT NULL,
    "totalVariants" INTEGER NOT NULL DEFAULT 0,
    "syncedVariants" INTEGER NOT NULL DEFAULT 0,
    "cursor" TEXT,
    "bulkOperationId" TEXT,
    "fixes" JSONB,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogSync_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Location_shopId_shopifyLocationId_key" ON "Location"("shopId", "shopifyLocationId");

-- CreateIndex
CREATE INDEX "CatalogSync_shopId_startedAt_idx" ON "CatalogSync"("shopId", "startedAt");

-- CreateIndex
CREATE INDEX "CatalogSync_status_updatedAt_idx" ON "CatalogSync"("status", "updatedAt");

-- AddForeignKey
ALTER TABLE "Location" ADD CONSTRAINT "Location_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CatalogSync" ADD CONSTRAINT "CatalogSync_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

