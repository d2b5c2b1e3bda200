-- The overview's group flags ask per group whether it has a live order created in the 90-day window (decision 136):
-- with the status in the index the check reads the index alone (390 -> 195 ms for 5,084 groups at 1M orders, load 6).
-- The new index serves every query the old (groupId, createdAt) one served.
DROP INDEX "Order_groupId_createdAt_idx";
CREATE INDEX "Order_groupId_createdAt_status_idx" ON "Order"("groupId", "createdAt", "status");
