-- AlterTable
ALTER TABLE "WaitlistEntry" ADD COLUMN     "shopifyCustomerId" TEXT;

-- CreateTable
CREATE TABLE "ReportRefund" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "shopifyRefundId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "revenue" DECIMAL(14,2) NOT NULL,
    "refundedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportRefund_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportRefund_orderId_variantId_idx" ON "ReportRefund"("orderId", "variantId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportRefund_shopId_shopifyRefundId_variantId_key" ON "ReportRefund"("shopId", "shopifyRefundId", "variantId");

-- AddForeignKey
ALTER TABLE "ReportRefund" ADD CONSTRAINT "ReportRefund_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRefund" ADD CONSTRAINT "ReportRefund_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;
