-- AlterEnum
ALTER TYPE "DeliveryStatus" ADD VALUE 'UNCONFIRMED';

-- CreateTable
CREATE TABLE "SendBudget" (
    "key" TEXT NOT NULL,
    "nextSlotAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SendBudget_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SendCircuit" (
    "key" TEXT NOT NULL,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "openedAt" TIMESTAMP(3),
    "nextProbeAt" TIMESTAMP(3),
    "probes" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SendCircuit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SendingPause" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "provider" "DeliveryProvider" NOT NULL,
    "reason" TEXT NOT NULL,
    "pausedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resumedAt" TIMESTAMP(3),

    CONSTRAINT "SendingPause_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SendingPause_shopId_pausedAt_idx" ON "SendingPause"("shopId", "pausedAt");

-- AddForeignKey
ALTER TABLE "SendingPause" ADD CONSTRAINT "SendingPause_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

