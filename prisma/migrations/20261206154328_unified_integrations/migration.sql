-- One table for every provider connection (was PostscriptIntegration + KlaviyoIntegration, the same 10 columns
-- twice). Every row, key, verification state and history column is copied before the old tables go; the
-- per-key rate limit moves from back-in-stock settings onto the Postscript integration it always meant.

-- CreateEnum
CREATE TYPE "IntegrationProvider" AS ENUM ('POSTSCRIPT', 'KLAVIYO', 'TWILIO');

-- CreateTable
CREATE TABLE "Integration" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "provider" "IntegrationProvider" NOT NULL,
    "encryptedKey" TEXT,
    "keyLast4" TEXT,
    "accountId" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "verification" "KeyVerification" NOT NULL DEFAULT 'UNVERIFIED',
    "lastVerifiedAt" TIMESTAMP(3),
    "lastCheckedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "accountName" TEXT,
    "firstConnectedAt" TIMESTAMP(3),
    "rateLimitPerSecond" INTEGER,
    "settings" JSONB,
    "keywordId" TEXT,
    "keywordName" TEXT,
    "keywordList" JSONB,
    "keywordListedAt" TIMESTAMP(3),
    "encryptedWebhookToken" TEXT,
    "webhookIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "webhookError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Integration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Integration_shopId_provider_key" ON "Integration"("shopId", "provider");

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Copy Postscript connections (ids kept), with the shop's configured rate limit.
INSERT INTO "Integration" ("id", "shopId", "provider", "encryptedKey", "keyLast4", "enabled", "verification",
  "lastVerifiedAt", "lastCheckedAt", "lastError", "accountName", "firstConnectedAt", "rateLimitPerSecond",
  "keywordId", "keywordName", "keywordList", "keywordListedAt", "encryptedWebhookToken", "webhookIds",
  "webhookError", "createdAt", "updatedAt")
SELECT p."id", p."shopId", 'POSTSCRIPT', p."encryptedKey", p."keyLast4", p."enabled", p."verification",
  p."lastVerifiedAt", p."lastCheckedAt", p."lastError", p."accountName", p."firstConnectedAt", b."rateLimitPerSecond",
  p."keywordId", p."keywordName", p."keywordList", p."keywordListedAt", p."encryptedWebhookToken", p."webhookIds",
  p."webhookError", p."createdAt", p."updatedAt"
FROM "PostscriptIntegration" p
LEFT JOIN "BackInStockSettings" b ON b."shopId" = p."shopId";

-- A shop that set a rate limit but has not connected Postscript keeps it on a keyless (not connected) row.
INSERT INTO "Integration" ("id", "shopId", "provider", "rateLimitPerSecond", "updatedAt")
SELECT 'migrated-rate-' || b."shopId", b."shopId", 'POSTSCRIPT', b."rateLimitPerSecond", CURRENT_TIMESTAMP
FROM "BackInStockSettings" b
WHERE b."rateLimitPerSecond" <> 15
  AND NOT EXISTS (SELECT 1 FROM "PostscriptIntegration" p WHERE p."shopId" = b."shopId");

-- Copy Klaviyo connections (ids kept).
INSERT INTO "Integration" ("id", "shopId", "provider", "encryptedKey", "keyLast4", "enabled", "verification",
  "lastVerifiedAt", "lastCheckedAt", "lastError", "accountName", "createdAt", "updatedAt")
SELECT k."id", k."shopId", 'KLAVIYO', k."encryptedKey", k."keyLast4", k."enabled", k."verification",
  k."lastVerifiedAt", k."lastCheckedAt", k."lastError", k."accountName", k."createdAt", k."updatedAt"
FROM "KlaviyoIntegration" k;

-- DropTable
DROP TABLE "PostscriptIntegration";

-- DropTable
DROP TABLE "KlaviyoIntegration";

-- AlterTable
ALTER TABLE "BackInStockSettings" DROP COLUMN "rateLimitPerSecond";
