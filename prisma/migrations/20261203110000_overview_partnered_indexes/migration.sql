-- The overview's "partnered" check (a group in an active MoU of the office) from indexes alone (decision 141;
-- 13 -> 7 ms for 5,084 groups). MouGroup(groupId, mouId) replaces MouGroup(groupId).
DROP INDEX "MouGroup_groupId_idx";
CREATE INDEX "MouGroup_groupId_mouId_idx" ON "MouGroup"("groupId", "mouId");
CREATE INDEX "Mou_id_status_dinasOfficeId_partnerId_idx" ON "Mou"("id", "status", "dinasOfficeId", "partnerId");
