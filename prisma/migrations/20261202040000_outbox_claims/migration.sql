-- Outbox claims (issue 15 item 3, decision 133): a sender claims a row (claimedBy, claimedUntil) before delivering it,
-- so two senders (two processes, two instances) never deliver the same email, text message or search update.
-- EmailStatus and TextMessageStatus gain SENDING (enums are TEXT on SQLite: no change needed for the value).
-- AlterTable
ALTER TABLE "SearchOutbox" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "SearchOutbox" ADD COLUMN "claimedUntil" DATETIME;

-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "EmailMessage" ADD COLUMN "claimedUntil" DATETIME;

-- AlterTable
ALTER TABLE "TextMessage" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "TextMessage" ADD COLUMN "claimedUntil" DATETIME;

