-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "shopifyShopId" TEXT;

-- CreateTable
CREATE TABLE "ShopifyToken" (
    "shopId" TEXT NOT NULL,
    "encryptedAccessToken" TEXT NOT NULL,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "encryptedRefreshToken" TEXT,
    "refreshTokenExpiresAt" TIMESTAMP(3),
    "scope" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopifyToken_pkey" PRIMARY KEY ("shopId")
);

-- CreateIndex
CREATE INDEX "ShopifyToken_accessTokenExpiresAt_idx" ON "ShopifyToken"("accessTokenExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Shop_shopifyShopId_key" ON "Shop"("shopifyShopId");

-- AddForeignKey
ALTER TABLE "ShopifyToken" ADD CONSTRAINT "ShopifyToken_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

