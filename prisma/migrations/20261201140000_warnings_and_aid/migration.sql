-- CreateTable
CREATE TABLE "WarningFollowUp" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dinasOfficeId" TEXT NOT NULL,
    "warningKey" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "followedUpById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WarningFollowUp_dinasOfficeId_fkey" FOREIGN KEY ("dinasOfficeId") REFERENCES "DinasOffice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroupAid" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "dinasOfficeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "partnerId" TEXT,
    "receivedOn" DATETIME NOT NULL,
    "valueRupiah" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GroupAid_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GroupAid_dinasOfficeId_fkey" FOREIGN KEY ("dinasOfficeId") REFERENCES "DinasOffice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GroupAid_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroupAidItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "aidId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "valueRupiah" INTEGER NOT NULL,
    CONSTRAINT "GroupAidItem_aidId_fkey" FOREIGN KEY ("aidId") REFERENCES "GroupAid" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "WarningFollowUp_dinasOfficeId_createdAt_idx" ON "WarningFollowUp"("dinasOfficeId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WarningFollowUp_dinasOfficeId_warningKey_key" ON "WarningFollowUp"("dinasOfficeId", "warningKey");

-- CreateIndex
CREATE INDEX "GroupAid_dinasOfficeId_receivedOn_idx" ON "GroupAid"("dinasOfficeId", "receivedOn");

-- CreateIndex
CREATE INDEX "GroupAid_groupId_receivedOn_idx" ON "GroupAid"("groupId", "receivedOn");

-- CreateIndex
CREATE INDEX "GroupAidItem_aidId_idx" ON "GroupAidItem"("aidId");

