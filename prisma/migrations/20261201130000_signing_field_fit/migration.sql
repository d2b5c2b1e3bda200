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

-- WhatsApp / SMS messaging outbox and channel preferences (item 12)
CREATE TABLE "TextMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT,
    "to" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "template" TEXT,
    "emailSubject" TEXT,
    "fallback" TEXT,
    "secrets" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "provider" TEXT,
    "providerMessageId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "fallbackFromId" TEXT,
    "sentAt" DATETIME,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MessagePreference" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channels" TEXT NOT NULL,

    PRIMARY KEY ("userId", "kind")
);

-- CreateIndex
CREATE UNIQUE INDEX "TextMessage_providerMessageId_key" ON "TextMessage"("providerMessageId");

-- CreateIndex
CREATE INDEX "TextMessage_status_createdAt_idx" ON "TextMessage"("status", "createdAt");

-- CreateIndex
CREATE INDEX "TextMessage_userId_idx" ON "TextMessage"("userId");

