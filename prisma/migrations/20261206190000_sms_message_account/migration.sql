-- AlterTable
ALTER TABLE "SmsMessage" ADD COLUMN     "accountSid" TEXT;
