-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "firstRateLimitedAt" TIMESTAMP(3),
ADD COLUMN     "lastRateLimitedAt" TIMESTAMP(3),
ADD COLUMN     "rateLimitedAttempts" INTEGER NOT NULL DEFAULT 0;

