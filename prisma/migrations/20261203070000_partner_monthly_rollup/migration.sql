-- The partner-month rollup of the enthusiasm index (decision 141), maintained by the monitoring job from the
-- dirty marks of decision 125. New marks: an invoice's due day when it is written (paid, voided, moved), and a
-- session's due day when the instants or the rating that score it change.
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

    PRIMARY KEY ("partnerId", "month")
);
CREATE INDEX "PartnerMonthly_month_idx" ON "PartnerMonthly"("month");

CREATE TRIGGER "monitoring_invoice_due_insert" AFTER INSERT ON "Invoice"
BEGIN INSERT INTO "MonitoringDirtyDay" ("day") SELECT date(NEW."dueAt") WHERE true ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1; END;
CREATE TRIGGER "monitoring_invoice_due_update" AFTER UPDATE OF "dueAt", "paidAt", "status", "partnerId" ON "Invoice"
BEGIN
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT x."day" FROM (SELECT date(OLD."dueAt") AS "day" UNION SELECT date(NEW."dueAt")) x WHERE x."day" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
END;
CREATE TRIGGER "monitoring_invoice_due_delete" AFTER DELETE ON "Invoice"
BEGIN INSERT INTO "MonitoringDirtyDay" ("day") SELECT date(OLD."dueAt") WHERE true ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1; END;
CREATE TRIGGER "monitoring_session_scoring" AFTER UPDATE OF "scheduledAt", "confirmedAt", "rating" ON "CoachingSession"
BEGIN INSERT INTO "MonitoringDirtyDay" ("day") SELECT date(NEW."dueDate") WHERE true ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1; END;

-- A database migrated with records in it: every due day is to be computed.
INSERT INTO "MonitoringDirtyDay" ("day")
  SELECT x."day" FROM (SELECT date("dueAt") AS "day" FROM "Invoice" UNION SELECT date("dueDate") FROM "CoachingSession") x WHERE x."day" IS NOT NULL
  ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
