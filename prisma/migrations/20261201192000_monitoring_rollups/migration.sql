-- The monitoring rollup (decision 125): MonitoringDaily per WIB day and filter dimension, MonitoringDirtyDay the
-- days to recompute (a re-marked day gets a new rowid, so a recompute that ran meanwhile does not clear it). Triggers mark a day dirty on every write that changes its figures; the "monitoring-rollups"
-- job recomputes dirty days (app/monitoring/rollup.server.ts), and the overview reads dirty days live meanwhile.
-- Days are WIB (Asia/Jakarta, UTC+7 without daylight saving), the zone the overview counts in.
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
    "day" TEXT NOT NULL PRIMARY KEY
);

-- The sources by day.
CREATE INDEX "Payment_status_confirmedAt_idx" ON "Payment"("status", "confirmedAt");
CREATE INDEX "Delivery_receivedAt_idx" ON "Delivery"("receivedAt");
CREATE INDEX "CoachingSession_dueDate_idx" ON "CoachingSession"("dueDate");
CREATE INDEX "CoachingFile_sessionId_kind_idx" ON "CoachingFile"("sessionId", "kind");

-- Payments (by confirmedAt).
CREATE TRIGGER "monitoring_payment_insert" AFTER INSERT ON "Payment" WHEN NEW."confirmedAt" IS NOT NULL
BEGIN INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day") VALUES (date(NEW."confirmedAt", '+7 hours')); END;
CREATE TRIGGER "monitoring_payment_update" AFTER UPDATE OF "status", "confirmedAt", "amountRupiah", "invoiceId" ON "Payment"
BEGIN
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day") SELECT date(OLD."confirmedAt", '+7 hours') WHERE OLD."confirmedAt" IS NOT NULL;
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day") SELECT date(NEW."confirmedAt", '+7 hours') WHERE NEW."confirmedAt" IS NOT NULL;
END;
CREATE TRIGGER "monitoring_payment_delete" AFTER DELETE ON "Payment" WHEN OLD."confirmedAt" IS NOT NULL
BEGIN INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day") VALUES (date(OLD."confirmedAt", '+7 hours')); END;
CREATE TRIGGER "monitoring_invoice_update" AFTER UPDATE OF "groupId", "partnerId" ON "Invoice"
BEGIN
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day")
    SELECT DISTINCT date(p."confirmedAt", '+7 hours') FROM "Payment" p WHERE p."invoiceId" = NEW."id" AND p."confirmedAt" IS NOT NULL;
END;

-- Handovers (by receivedAt) and their lines; the order's delivery day decides "on time".
CREATE TRIGGER "monitoring_delivery_insert" AFTER INSERT ON "Delivery" WHEN NEW."receivedAt" IS NOT NULL
BEGIN INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day") VALUES (date(NEW."receivedAt", '+7 hours')); END;
CREATE TRIGGER "monitoring_delivery_update" AFTER UPDATE OF "receivedAt", "orderId" ON "Delivery"
BEGIN
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day") SELECT date(OLD."receivedAt", '+7 hours') WHERE OLD."receivedAt" IS NOT NULL;
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day") SELECT date(NEW."receivedAt", '+7 hours') WHERE NEW."receivedAt" IS NOT NULL;
END;
CREATE TRIGGER "monitoring_delivery_delete" AFTER DELETE ON "Delivery" WHEN OLD."receivedAt" IS NOT NULL
BEGIN INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day") VALUES (date(OLD."receivedAt", '+7 hours')); END;
CREATE TRIGGER "monitoring_delivery_line_insert" AFTER INSERT ON "DeliveryLine"
BEGIN
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day")
    SELECT date(d."receivedAt", '+7 hours') FROM "Delivery" d WHERE d."id" = NEW."deliveryId" AND d."receivedAt" IS NOT NULL;
END;
CREATE TRIGGER "monitoring_delivery_line_update" AFTER UPDATE ON "DeliveryLine"
BEGIN
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day")
    SELECT date(d."receivedAt", '+7 hours') FROM "Delivery" d WHERE d."id" IN (OLD."deliveryId", NEW."deliveryId") AND d."receivedAt" IS NOT NULL;
END;
CREATE TRIGGER "monitoring_delivery_line_delete" AFTER DELETE ON "DeliveryLine"
BEGIN
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day")
    SELECT date(d."receivedAt", '+7 hours') FROM "Delivery" d WHERE d."id" = OLD."deliveryId" AND d."receivedAt" IS NOT NULL;
END;
CREATE TRIGGER "monitoring_order_update" AFTER UPDATE OF "deliveryDate", "groupId", "partnerId" ON "Order"
BEGIN
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day")
    SELECT DISTINCT date(d."receivedAt", '+7 hours') FROM "Delivery" d WHERE d."orderId" = NEW."id" AND d."receivedAt" IS NOT NULL;
END;

-- Coaching sessions (by dueDate) and their report files.
CREATE TRIGGER "monitoring_session_insert" AFTER INSERT ON "CoachingSession"
BEGIN INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day") VALUES (date(NEW."dueDate", '+7 hours')); END;
CREATE TRIGGER "monitoring_session_update" AFTER UPDATE OF "dueDate", "status", "groupId", "partnerId" ON "CoachingSession"
BEGIN
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day") VALUES (date(OLD."dueDate", '+7 hours'));
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day") VALUES (date(NEW."dueDate", '+7 hours'));
END;
CREATE TRIGGER "monitoring_session_delete" AFTER DELETE ON "CoachingSession"
BEGIN INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day") VALUES (date(OLD."dueDate", '+7 hours')); END;
CREATE TRIGGER "monitoring_coaching_file_insert" AFTER INSERT ON "CoachingFile"
BEGIN
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day") SELECT date(s."dueDate", '+7 hours') FROM "CoachingSession" s WHERE s."id" = NEW."sessionId";
END;
CREATE TRIGGER "monitoring_coaching_file_update" AFTER UPDATE OF "kind", "sessionId" ON "CoachingFile"
BEGIN
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day") SELECT date(s."dueDate", '+7 hours') FROM "CoachingSession" s WHERE s."id" IN (OLD."sessionId", NEW."sessionId");
END;
CREATE TRIGGER "monitoring_coaching_file_delete" AFTER DELETE ON "CoachingFile"
BEGIN
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day") SELECT date(s."dueDate", '+7 hours') FROM "CoachingSession" s WHERE s."id" = OLD."sessionId";
END;

-- A group or partner that changes a dimension moves its days' figures to other rollup rows.
CREATE TRIGGER "monitoring_group_dimensions" AFTER UPDATE OF "dinasOfficeId", "kecamatanId", "type" ON "Group"
WHEN OLD."dinasOfficeId" IS NOT NEW."dinasOfficeId" OR OLD."kecamatanId" IS NOT NEW."kecamatanId" OR OLD."type" IS NOT NEW."type"
BEGIN
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day")
    SELECT date(p."confirmedAt", '+7 hours') FROM "Payment" p JOIN "Invoice" i ON i."id" = p."invoiceId" WHERE i."groupId" = NEW."id" AND p."confirmedAt" IS NOT NULL
    UNION SELECT date(d."receivedAt", '+7 hours') FROM "Delivery" d JOIN "Order" o ON o."id" = d."orderId" WHERE o."groupId" = NEW."id" AND d."receivedAt" IS NOT NULL
    UNION SELECT date(s."dueDate", '+7 hours') FROM "CoachingSession" s WHERE s."groupId" = NEW."id";
END;
CREATE TRIGGER "monitoring_partner_dimensions" AFTER UPDATE OF "dinasOfficeId", "sector" ON "Partner"
WHEN OLD."dinasOfficeId" IS NOT NEW."dinasOfficeId" OR OLD."sector" IS NOT NEW."sector"
BEGIN
  INSERT OR REPLACE INTO "MonitoringDirtyDay" ("day")
    SELECT date(p."confirmedAt", '+7 hours') FROM "Payment" p JOIN "Invoice" i ON i."id" = p."invoiceId" WHERE i."partnerId" = NEW."id" AND p."confirmedAt" IS NOT NULL
    UNION SELECT date(d."receivedAt", '+7 hours') FROM "Delivery" d JOIN "Order" o ON o."id" = d."orderId" WHERE o."partnerId" = NEW."id" AND d."receivedAt" IS NOT NULL
    UNION SELECT date(s."dueDate", '+7 hours') FROM "CoachingSession" s WHERE s."partnerId" = NEW."id";
END;

-- A database migrated with records in it: every day with a source record is to be computed.
INSERT OR IGNORE INTO "MonitoringDirtyDay" ("day")
  SELECT date("confirmedAt", '+7 hours') FROM "Payment" WHERE "confirmedAt" IS NOT NULL
  UNION SELECT date("receivedAt", '+7 hours') FROM "Delivery" WHERE "receivedAt" IS NOT NULL
  UNION SELECT date("dueDate", '+7 hours') FROM "CoachingSession";
