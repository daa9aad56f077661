-- CreateTable
CREATE TABLE "LedgerRetention" (
    "shopId" TEXT NOT NULL,
    "months" INTEGER NOT NULL DEFAULT 13,
    "keptFrom" DATE,
    "purgedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LedgerRetention_pkey" PRIMARY KEY ("shopId")
);

-- AddForeignKey
ALTER TABLE "LedgerRetention" ADD CONSTRAINT "LedgerRetention_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;
