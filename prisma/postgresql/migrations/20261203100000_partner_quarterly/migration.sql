-- The quarters of the partner-month rollup (decision 141), written by the monitoring job with each month. A
-- database migrated with records in it: every due day is marked so the next job run fills them.
CREATE TABLE "PartnerQuarterly" (
    "partnerId" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
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

    CONSTRAINT "PartnerQuarterly_pkey" PRIMARY KEY ("partnerId", "quarter")
);

INSERT INTO "MonitoringDirtyDay" ("day")
  SELECT x."day" FROM (SELECT to_char("dueAt", 'YYYY-MM-DD') AS "day" FROM "Invoice" UNION SELECT to_char("dueDate", 'YYYY-MM-DD') FROM "CoachingSession") x WHERE x."day" IS NOT NULL
  ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
