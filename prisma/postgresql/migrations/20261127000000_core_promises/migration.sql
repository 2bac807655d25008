-- AlterTable
ALTER TABLE "ProcessedMessage" ADD COLUMN     "failed" TEXT,
ADD COLUMN     "payload" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "deactivatedAt" TIMESTAMP(3),
ADD COLUMN     "email" TEXT;
