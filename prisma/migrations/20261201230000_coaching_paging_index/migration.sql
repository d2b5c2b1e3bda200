-- The coaching session lists page by key (dueDate, sequence, id) within a group or within a partner
-- (decision 122). Checked by tests/integration/query-plans.test.ts.
CREATE INDEX "CoachingSession_groupId_dueDate_sequence_id_idx" ON "CoachingSession"("groupId", "dueDate", "sequence", "id");
CREATE INDEX "CoachingSession_partnerId_dueDate_sequence_id_idx" ON "CoachingSession"("partnerId", "dueDate", "sequence", "id");
