-- The partner-month rollup of the enthusiasm index (decision 141). Its dirty-mark triggers are created with the
-- other monitoring triggers at start (app/db/postgres-specific.server.ts).
CREATE TABLE "PartnerMonthly" (
    "partnerId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "sessionsOnTime" INTEGER NOT NULL DEFAULT 0,
    "sessionsLate" INTEGER NOT NULL DEFAULT 0,
    "sessionsMissed" INTEGER NOT NULL DEFAULT 0,
    "sessionsOpen" INTEGER NOT NULL DEFAULT 0,
    "sessionsOpenSpill" INTEGER NOT NULL DEFAULT 0,
    "ratings" INTEGER NOT NULL DEFAULT 0,
    "ratingPoints" INTEGER NOT NULL DEFAULT 0,
    "invoicesOnTime" INTEGER NOT NULL DEFAULT 0,
    "invoicesLate" INTEGER NOT NULL DEFAULT 0,
    "invoicesOpen" INTEGER NOT NULL DEFAULT 0,
    "invoicesOpenSpill" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PartnerMonthly_pkey" PRIMARY KEY ("partnerId", "month")
);
CREATE INDEX "PartnerMonthly_month_idx" ON "PartnerMonthly"("month");

-- A database migrated with records in it: every due day is to be computed.
INSERT INTO "MonitoringDirtyDay" ("day")
  SELECT x."day" FROM (SELECT to_char("dueAt", 'YYYY-MM-DD') AS "day" FROM "Invoice" UNION SELECT to_char("dueDate", 'YYYY-MM-DD') FROM "CoachingSession") x WHERE x."day" IS NOT NULL
  ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
