-- Phone accounts and log-in codes (issue 13 item 12, decision 109).
-- User.email becomes optional, User.phone unique and normalised to E.164 (+62…); MouSigner.email optional.
-- SQLite cannot drop NOT NULL in place: both tables are rebuilt (Prisma's usual RedefineTables steps).
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;

CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'id',
    "emailNotifications" BOOLEAN NOT NULL DEFAULT true,
    "dinasOfficeId" TEXT,
    "groupId" TEXT,
    "partnerId" TEXT,
    "title" TEXT,
    "disabledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_dinasOfficeId_fkey" FOREIGN KEY ("dinasOfficeId") REFERENCES "DinasOffice" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "User_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "User_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Existing numbers are normalised the way app/messaging/phone.ts does ("0812-3456-7890", "62812…", "+62 812…"
-- and "812…" become "+6281234567890"); anything else (a landline) is kept as typed.
INSERT INTO "new_User" ("id", "email", "name", "phone", "passwordHash", "role", "locale", "emailNotifications", "dinasOfficeId", "groupId", "partnerId", "title", "disabledAt", "createdAt", "updatedAt")
SELECT "id", "email", "name",
    CASE
        WHEN "d" IS NULL OR "d" GLOB '*[^0-9]*' THEN "phone"
        WHEN "d" GLOB '628*' AND length("d") BETWEEN 11 AND 14 THEN '+' || "d"
        WHEN "d" GLOB '08*' AND length("d") BETWEEN 10 AND 13 THEN '+62' || substr("d", 2)
        WHEN "d" GLOB '8*' AND length("d") BETWEEN 9 AND 12 THEN '+62' || "d"
        ELSE "phone"
    END,
    "passwordHash", "role", "locale", "emailNotifications", "dinasOfficeId", "groupId", "partnerId", "title", "disabledAt", "createdAt", "updatedAt"
FROM (
    SELECT *, replace(replace(replace(replace(replace(replace(trim("phone"), ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '') AS "d" FROM "User"
);
-- Two accounts with the same number: the older one keeps it (a number logs in to one account only).
UPDATE "new_User" SET "phone" = NULL
WHERE "phone" IS NOT NULL AND EXISTS (
    SELECT 1 FROM "new_User" AS "o" WHERE "o"."phone" = "new_User"."phone" AND ("o"."createdAt" < "new_User"."createdAt" OR ("o"."createdAt" = "new_User"."createdAt" AND "o"."id" < "new_User"."id"))
);
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_phone_key" ON "User"("phone");
CREATE INDEX "User_role_idx" ON "User"("role");
CREATE INDEX "User_groupId_idx" ON "User"("groupId");
CREATE INDEX "User_partnerId_idx" ON "User"("partnerId");
CREATE INDEX "User_dinasOfficeId_idx" ON "User"("dinasOfficeId");

CREATE TABLE "new_MouSigner" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "order" INTEGER NOT NULL,
    "party" TEXT NOT NULL,
    "groupId" TEXT,
    "partnerId" TEXT,
    "userId" TEXT,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "email" TEXT,
    "status" TEXT NOT NULL DEFAULT 'WAITING',
    "tokenHash" TEXT,
    "tokenExpiresAt" DATETIME,
    "tokenUsedAt" DATETIME,
    "codeHash" TEXT,
    "codeExpiresAt" DATETIME,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "notifiedAt" DATETIME,
    "remindedAt" DATETIME,
    "reminderCount" INTEGER NOT NULL DEFAULT 0,
    "escalatedAt" DATETIME,
    "witnessUserId" TEXT,
    "witnessName" TEXT,
    "witnessTitle" TEXT,
    "assistedMethod" TEXT,
    "viewedAt" DATETIME,
    "signedAt" DATETIME,
    "typedName" TEXT,
    "signatureImage" TEXT,
    "signedHash" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "declineReason" TEXT,
    CONSTRAINT "MouSigner_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "MouVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MouSigner" ("id", "versionId", "order", "party", "groupId", "partnerId", "userId", "name", "title", "email", "status", "tokenHash", "tokenExpiresAt", "tokenUsedAt", "codeHash", "codeExpiresAt", "failedAttempts", "lockedUntil", "notifiedAt", "remindedAt", "reminderCount", "escalatedAt", "witnessUserId", "witnessName", "witnessTitle", "assistedMethod", "viewedAt", "signedAt", "typedName", "signatureImage", "signedHash", "ip", "userAgent", "declineReason")
SELECT "id", "versionId", "order", "party", "groupId", "partnerId", "userId", "name", "title", "email", "status", "tokenHash", "tokenExpiresAt", "tokenUsedAt", "codeHash", "codeExpiresAt", "failedAttempts", "lockedUntil", "notifiedAt", "remindedAt", "reminderCount", "escalatedAt", "witnessUserId", "witnessName", "witnessTitle", "assistedMethod", "viewedAt", "signedAt", "typedName", "signatureImage", "signedHash", "ip", "userAgent", "declineReason" FROM "MouSigner";
DROP TABLE "MouSigner";
ALTER TABLE "new_MouSigner" RENAME TO "MouSigner";
CREATE UNIQUE INDEX "MouSigner_tokenHash_key" ON "MouSigner"("tokenHash");
CREATE INDEX "MouSigner_versionId_order_idx" ON "MouSigner"("versionId", "order");

CREATE TABLE "LoginCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LoginCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "LoginCode_userId_createdAt_idx" ON "LoginCode"("userId", "createdAt");

PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
