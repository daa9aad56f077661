-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "shopifyCustomerId" TEXT;

