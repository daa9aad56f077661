-- AlterTable
ALTER TABLE "PostscriptIntegration" ADD COLUMN     "keywordList" JSONB,
ADD COLUMN     "keywordListedAt" TIMESTAMP(3);

