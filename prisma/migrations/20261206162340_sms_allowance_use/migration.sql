-- CreateTable
CREATE TABLE "SmsAllowanceUse" (
    "shopId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "reserved" INTEGER NOT NULL,

    CONSTRAINT "SmsAllowanceUse_pkey" PRIMARY KEY ("shopId","month")
);

-- AddForeignKey
ALTER TABLE "SmsAllowanceUse" ADD CONSTRAINT "SmsAllowanceUse_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

