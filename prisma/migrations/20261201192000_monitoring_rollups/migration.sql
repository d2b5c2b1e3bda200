-- The monitoring rollup (decision 125): MonitoringDaily per office day (the day in the zone of the group's Dinas
-- office, decision 123) and filter dimension; MonitoringDirtyDay the UTC days whose records changed. Triggers mark
-- the UTC day of every changed instant on every write that changes the figures (a re-marked day bumps its version,
-- so a recompute that ran meanwhile does not clear it); the "monitoring-rollups" job recomputes the office days
-- D and D + 1 of each dirty UTC day D (every office zone is 0-24 h ahead of UTC) in app/monitoring/rollup.server.ts,
-- and the overview reads those days live meanwhile. The triggers know no zone; the PostgreSQL twin is in
-- app/db/postgres-specific.server.ts.
CREATE TABLE "MonitoringDaily" (
    "day" TEXT NOT NULL,
    "groupOfficeId" TEXT NOT NULL,
    "kecamatanId" TEXT NOT NULL,
    "groupType" TEXT NOT NULL,
    "partnerOfficeId" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "paymentsCount" INTEGER NOT NULL DEFAULT 0,
    "paymentsRupiah" BIGINT NOT NULL DEFAULT 0,
    "deliveries" INTEGER NOT NULL DEFAULT 0,
    "deliveriesOnTime" INTEGER NOT NULL DEFAULT 0,
    "deliveredQty" INTEGER NOT NULL DEFAULT 0,
    "acceptedQty" INTEGER NOT NULL DEFAULT 0,
    "sessionsPromised" INTEGER NOT NULL DEFAULT 0,
    "sessionsDelivered" INTEGER NOT NULL DEFAULT 0,
    "sessionsMissed" INTEGER NOT NULL DEFAULT 0,
    "sessionsReported" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("day", "groupOfficeId", "kecamatanId", "groupType", "partnerOfficeId", "sector")
);
CREATE INDEX "MonitoringDaily_groupOfficeId_day_idx" ON "MonitoringDaily"("groupOfficeId", "day");

CREATE TABLE "MonitoringDirtyDay" (
    "day" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- The sources by day.
CREATE INDEX "Payment_status_confirmedAt_idx" ON "Payment"("status", "confirmedAt");
CREATE INDEX "Delivery_receivedAt_idx" ON "Delivery"("receivedAt");
CREATE INDEX "CoachingSession_dueDate_idx" ON "CoachingSession"("dueDate");
CREATE INDEX "CoachingFile_sessionId_kind_idx" ON "CoachingFile"("sessionId", "kind");

-- Payments (by confirmedAt).
CREATE TRIGGER "monitoring_payment_insert" AFTER INSERT ON "Payment" WHEN NEW."confirmedAt" IS NOT NULL
BEGIN INSERT INTO "MonitoringDirtyDay" ("day") SELECT date(NEW."confirmedAt") WHERE true ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1; END;
CREATE TRIGGER "monitoring_payment_update" AFTER UPDATE OF "status", "confirmedAt", "amountRupiah", "invoiceId" ON "Payment"
BEGIN
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT date(OLD."confirmedAt") WHERE OLD."confirmedAt" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT date(NEW."confirmedAt") WHERE NEW."confirmedAt" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
END;
CREATE TRIGGER "monitoring_payment_delete" AFTER DELETE ON "Payment" WHEN OLD."confirmedAt" IS NOT NULL
BEGIN INSERT INTO "MonitoringDirtyDay" ("day") SELECT date(OLD."confirmedAt") WHERE true ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1; END;
CREATE TRIGGER "monitoring_invoice_update" AFTER UPDATE OF "groupId", "partnerId" ON "Invoice"
BEGIN
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT x."day" FROM (SELECT DISTINCT date(p."confirmedAt") AS "day" FROM "Payment" p WHERE p."invoiceId" = NEW."id" AND p."confirmedAt" IS NOT NULL) x WHERE x."day" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
END;

-- Handovers (by receivedAt) and their lines; the order's delivery day decides "on time".
CREATE TRIGGER "monitoring_delivery_insert" AFTER INSERT ON "Delivery" WHEN NEW."receivedAt" IS NOT NULL
BEGIN INSERT INTO "MonitoringDirtyDay" ("day") SELECT date(NEW."receivedAt") WHERE true ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1; END;
CREATE TRIGGER "monitoring_delivery_update" AFTER UPDATE OF "receivedAt", "orderId" ON "Delivery"
BEGIN
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT date(OLD."receivedAt") WHERE OLD."receivedAt" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT date(NEW."receivedAt") WHERE NEW."receivedAt" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
END;
CREATE TRIGGER "monitoring_delivery_delete" AFTER DELETE ON "Delivery" WHEN OLD."receivedAt" IS NOT NULL
BEGIN INSERT INTO "MonitoringDirtyDay" ("day") SELECT date(OLD."receivedAt") WHERE true ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1; END;
CREATE TRIGGER "monitoring_delivery_line_insert" AFTER INSERT ON "DeliveryLine"
BEGIN
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT x."day" FROM (SELECT date(d."receivedAt") AS "day" FROM "Delivery" d WHERE d."id" = NEW."deliveryId" AND d."receivedAt" IS NOT NULL) x WHERE x."day" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
END;
CREATE TRIGGER "monitoring_delivery_line_update" AFTER UPDATE ON "DeliveryLine"
BEGIN
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT x."day" FROM (SELECT DISTINCT date(d."receivedAt") AS "day" FROM "Delivery" d WHERE d."id" IN (OLD."deliveryId", NEW."deliveryId") AND d."receivedAt" IS NOT NULL) x WHERE x."day" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
END;
CREATE TRIGGER "monitoring_delivery_line_delete" AFTER DELETE ON "DeliveryLine"
BEGIN
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT x."day" FROM (SELECT date(d."receivedAt") AS "day" FROM "Delivery" d WHERE d."id" = OLD."deliveryId" AND d."receivedAt" IS NOT NULL) x WHERE x."day" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
END;
CREATE TRIGGER "monitoring_order_update" AFTER UPDATE OF "deliveryDate", "groupId", "partnerId" ON "Order"
BEGIN
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT x."day" FROM (SELECT DISTINCT date(d."receivedAt") AS "day" FROM "Delivery" d WHERE d."orderId" = NEW."id" AND d."receivedAt" IS NOT NULL) x WHERE x."day" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
END;

-- Coaching sessions (by dueDate) and their report files.
CREATE TRIGGER "monitoring_session_insert" AFTER INSERT ON "CoachingSession"
BEGIN INSERT INTO "MonitoringDirtyDay" ("day") SELECT date(NEW."dueDate") WHERE true ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1; END;
CREATE TRIGGER "monitoring_session_update" AFTER UPDATE OF "dueDate", "status", "groupId", "partnerId" ON "CoachingSession"
BEGIN
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT x."day" FROM (SELECT date(OLD."dueDate") AS "day" UNION SELECT date(NEW."dueDate")) x WHERE x."day" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
END;
CREATE TRIGGER "monitoring_session_delete" AFTER DELETE ON "CoachingSession"
BEGIN INSERT INTO "MonitoringDirtyDay" ("day") SELECT date(OLD."dueDate") WHERE true ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1; END;
CREATE TRIGGER "monitoring_coaching_file_insert" AFTER INSERT ON "CoachingFile"
BEGIN
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT x."day" FROM (SELECT date(s."dueDate") AS "day" FROM "CoachingSession" s WHERE s."id" = NEW."sessionId") x WHERE x."day" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
END;
CREATE TRIGGER "monitoring_coaching_file_update" AFTER UPDATE OF "kind", "sessionId" ON "CoachingFile"
BEGIN
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT x."day" FROM (SELECT DISTINCT date(s."dueDate") AS "day" FROM "CoachingSession" s WHERE s."id" IN (OLD."sessionId", NEW."sessionId")) x WHERE x."day" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
END;
CREATE TRIGGER "monitoring_coaching_file_delete" AFTER DELETE ON "CoachingFile"
BEGIN
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT x."day" FROM (SELECT date(s."dueDate") AS "day" FROM "CoachingSession" s WHERE s."id" = OLD."sessionId") x WHERE x."day" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
END;

-- A group or partner that changes a dimension moves its days' figures to other rollup rows; an office that
-- changes its zone moves its groups' records to other office days.
CREATE TRIGGER "monitoring_group_dimensions" AFTER UPDATE OF "dinasOfficeId", "kecamatanId", "type" ON "Group"
WHEN OLD."dinasOfficeId" IS NOT NEW."dinasOfficeId" OR OLD."kecamatanId" IS NOT NEW."kecamatanId" OR OLD."type" IS NOT NEW."type"
BEGIN
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT x."day" FROM (SELECT date(p."confirmedAt") AS "day" FROM "Payment" p JOIN "Invoice" i ON i."id" = p."invoiceId" WHERE i."groupId" = NEW."id" AND p."confirmedAt" IS NOT NULL UNION SELECT date(d."receivedAt") FROM "Delivery" d JOIN "Order" o ON o."id" = d."orderId" WHERE o."groupId" = NEW."id" AND d."receivedAt" IS NOT NULL UNION SELECT date(s."dueDate") FROM "CoachingSession" s WHERE s."groupId" = NEW."id") x WHERE x."day" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
END;
CREATE TRIGGER "monitoring_partner_dimensions" AFTER UPDATE OF "dinasOfficeId", "sector" ON "Partner"
WHEN OLD."dinasOfficeId" IS NOT NEW."dinasOfficeId" OR OLD."sector" IS NOT NEW."sector"
BEGIN
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT x."day" FROM (SELECT date(p."confirmedAt") AS "day" FROM "Payment" p JOIN "Invoice" i ON i."id" = p."invoiceId" WHERE i."partnerId" = NEW."id" AND p."confirmedAt" IS NOT NULL UNION SELECT date(d."receivedAt") FROM "Delivery" d JOIN "Order" o ON o."id" = d."orderId" WHERE o."partnerId" = NEW."id" AND d."receivedAt" IS NOT NULL UNION SELECT date(s."dueDate") FROM "CoachingSession" s WHERE s."partnerId" = NEW."id") x WHERE x."day" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
END;
CREATE TRIGGER "monitoring_office_zone" AFTER UPDATE OF "timeZone" ON "DinasOffice"
WHEN OLD."timeZone" IS NOT NEW."timeZone"
BEGIN
  INSERT INTO "MonitoringDirtyDay" ("day") SELECT x."day" FROM (SELECT date(p."confirmedAt") AS "day" FROM "Payment" p JOIN "Invoice" i ON i."id" = p."invoiceId" JOIN "Group" g ON g."id" = i."groupId" WHERE g."dinasOfficeId" = NEW."id" AND p."confirmedAt" IS NOT NULL UNION SELECT date(d."receivedAt") FROM "Delivery" d JOIN "Order" o ON o."id" = d."orderId" JOIN "Group" g ON g."id" = o."groupId" WHERE g."dinasOfficeId" = NEW."id" AND d."receivedAt" IS NOT NULL UNION SELECT date(s."dueDate") FROM "CoachingSession" s JOIN "Group" g ON g."id" = s."groupId" WHERE g."dinasOfficeId" = NEW."id") x WHERE x."day" IS NOT NULL ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1;
END;

-- A database migrated with records in it: every day with a source record is to be computed.
INSERT INTO "MonitoringDirtyDay" ("day")
  SELECT x."day" FROM (SELECT date("confirmedAt") AS "day" FROM "Payment" WHERE "confirmedAt" IS NOT NULL
    UNION SELECT date("receivedAt") FROM "Delivery" WHERE "receivedAt" IS NOT NULL
    UNION SELECT date("dueDate") FROM "CoachingSession") x WHERE x."day" IS NOT NULL
  ON CONFLICT ("day") DO NOTHING;
