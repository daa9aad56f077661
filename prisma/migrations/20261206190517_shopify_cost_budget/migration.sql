-- AlterTable
ALTER TABLE "SendBudget" ADD COLUMN     "capacity" DOUBLE PRECISION,
ADD COLUMN     "restorePerSecond" DOUBLE PRECISION;

