-- The ledger's per-order list pages by key (issuedAt, id) within a group, newest first (decision 121);
-- the ledger's per-month sums read a group's invoices by a range of issuedAt. Checked by
-- tests/integration/query-plans.test.ts.
CREATE INDEX "Invoice_groupId_issuedAt_id_idx" ON "Invoice"("groupId", "issuedAt", "id");
