-- Outbox claims (issue 15 item 3, decision 133): a sender claims a row (claimedBy, claimedUntil) before delivering it;
-- on PostgreSQL the claim is SELECT … FOR UPDATE SKIP LOCKED, so senders in several instances share the work.
-- AlterEnum
ALTER TYPE "EmailStatus" ADD VALUE 'SENDING';

-- AlterEnum
ALTER TYPE "TextMessageStatus" ADD VALUE 'SENDING';

-- AlterTable
ALTER TABLE "SearchOutbox" ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "claimedUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "claimedUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "TextMessage" ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "claimedUntil" TIMESTAMP(3);

