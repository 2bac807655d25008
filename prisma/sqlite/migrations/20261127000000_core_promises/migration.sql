-- AlterTable
ALTER TABLE "ProcessedMessage" ADD COLUMN "failed" TEXT;
ALTER TABLE "ProcessedMessage" ADD COLUMN "payload" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "deactivatedAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "email" TEXT;
