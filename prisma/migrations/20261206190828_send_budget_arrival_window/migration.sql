-- AlterTable
ALTER TABLE "SendBudget" ADD COLUMN     "arrivalBounds" TIMESTAMP(3)[] DEFAULT ARRAY[]::TIMESTAMP(3)[];

