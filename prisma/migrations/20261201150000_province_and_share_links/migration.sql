-- CreateTable
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

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DinasOffice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "regionKind" TEXT NOT NULL,
    "province" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "regulation" TEXT,
    "parentOfficeId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DinasOffice_parentOfficeId_fkey" FOREIGN KEY ("parentOfficeId") REFERENCES "DinasOffice" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_DinasOffice" ("address", "city", "createdAt", "id", "name", "province", "regionKind", "regulation") SELECT "address", "city", "createdAt", "id", "name", "province", "regionKind", "regulation" FROM "DinasOffice";
DROP TABLE "DinasOffice";
ALTER TABLE "new_DinasOffice" RENAME TO "DinasOffice";
CREATE INDEX "DinasOffice_parentOfficeId_idx" ON "DinasOffice"("parentOfficeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ShareLink_tokenHash_key" ON "ShareLink"("tokenHash");

-- CreateIndex
CREATE INDEX "ShareLink_dinasOfficeId_createdAt_idx" ON "ShareLink"("dinasOfficeId", "createdAt");

