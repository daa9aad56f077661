-- AlterTable
ALTER TABLE "OrderEditingSettings" ADD COLUMN     "notifyCustomerOnEdit" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "OrderEdit" ADD COLUMN     "writingAt" TIMESTAMP(3);

