-- The partner ranking counts each partner's invoices due in the window by month in SQL (decision 136): an index
-- that holds every column the count reads, so it never visits the table rows.
CREATE INDEX "Invoice_partnerId_dueAt_status_paidAt_idx" ON "Invoice"("partnerId", "dueAt", "status", "paidAt");
