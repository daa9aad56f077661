-- CreateTable
CREATE TABLE "ReportWaiting" (
    "shopId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "waiting" INTEGER NOT NULL,

    CONSTRAINT "ReportWaiting_pkey" PRIMARY KEY ("shopId","variantId")
);

-- AddForeignKey
ALTER TABLE "ReportWaiting" ADD CONSTRAINT "ReportWaiting_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportWaiting" ADD CONSTRAINT "ReportWaiting_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "Variant"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Existing waitlists, counted once here; the report rollup keeps the counts from now on.
INSERT INTO "ReportWaiting" ("shopId", "variantId", "waiting")
SELECT "shopId", "variantId", count(*)::int FROM "WaitlistEntry" WHERE "status" = 'WAITING' GROUP BY "shopId", "variantId";
