-- Sealed MoU PDF attached to the activation email (issue 13 item 9)
ALTER TABLE "EmailMessage" ADD COLUMN "attachments" TEXT;

-- Signing reminders capped at 3, then Dinas is told (item 11)
ALTER TABLE "MouSigner" ADD COLUMN "reminderCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "MouSigner" ADD COLUMN "escalatedAt" DATETIME;

-- In-person (assisted) signing with a witness (item 10)
ALTER TABLE "MouSigner" ADD COLUMN "witnessUserId" TEXT;
ALTER TABLE "MouSigner" ADD COLUMN "witnessName" TEXT;
ALTER TABLE "MouSigner" ADD COLUMN "witnessTitle" TEXT;
ALTER TABLE "MouSigner" ADD COLUMN "assistedMethod" TEXT;
