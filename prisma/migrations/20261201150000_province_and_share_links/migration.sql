-- Province view (decision 087): a city office reports to its provincial office.
-- Added with ALTER TABLE (not a table rebuild) so columns other migrations add to DinasOffice stay.
ALTER TABLE "DinasOffice" ADD COLUMN "parentOfficeId" TEXT REFERENCES "DinasOffice" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "DinasOffice_parentOfficeId_idx" ON "DinasOffice"("parentOfficeId");

-- Share links of the overview for the mayor's office (decision 088)
CREATE TABLE "ShareLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "dinasOfficeId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "query" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "lastViewedAt" DATETIME,
    "viewCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ShareLink_dinasOfficeId_fkey" FOREIGN KEY ("dinasOfficeId") REFERENCES "DinasOffice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "ShareLink_tokenHash_key" ON "ShareLink"("tokenHash");
CREATE INDEX "ShareLink_dinasOfficeId_createdAt_idx" ON "ShareLink"("dinasOfficeId", "createdAt");
