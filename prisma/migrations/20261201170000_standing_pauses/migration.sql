-- Issue 13 item 6 (decision 116): a partner pauses one standing order (MoU × group) until a day.
CREATE TABLE "StandingPause" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mouId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "fromDay" TEXT NOT NULL,
    "untilDay" TEXT NOT NULL,
    "reason" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resumedAt" DATETIME,
    "resumedById" TEXT,
    CONSTRAINT "StandingPause_mouId_fkey" FOREIGN KEY ("mouId") REFERENCES "Mou" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StandingPause_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "StandingPause_mouId_groupId_idx" ON "StandingPause"("mouId", "groupId");
