-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "passwordHash" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "shopifyUserId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Membership_shopId_shopifyUserId_key" ON "Membership"("shopId", "shopifyUserId");

