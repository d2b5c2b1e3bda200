-- The partner ranking's MoUs in the window (partner, status, dates, versions) from the index alone (decision 141;
-- 16 -> 6 ms for 20,000 MoUs of 2,000 partners). Mou(partnerId, status, startDate, ...) replaces
-- Mou(partnerId, status, startDate), whose prefix it keeps for "mitra pasif"'s first active MoU.
DROP INDEX "Mou_partnerId_status_startDate_idx";
CREATE INDEX "Mou_partner_ranking_idx" ON "Mou"("partnerId", "status", "startDate", "endDate", "activeVersionId", "currentVersionId", "id");
