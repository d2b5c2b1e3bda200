-- Indexes for the full scans of issue 11 item 8 (decision 101); checked by tests/integration/query-plans.test.ts.
-- The order jobs: RECEIVED orders to invoice, orders of a status by delivery day.
CREATE INDEX "Order_status_deliveryDate_idx" ON "Order"("status", "deliveryDate");
-- The overdue job: ISSUED invoices past their due date.
CREATE INDEX "Invoice_status_dueAt_idx" ON "Invoice"("status", "dueAt");
-- /audit, newest first, paged by key (at, id); with a type filter.
CREATE INDEX "AuditEvent_at_id_idx" ON "AuditEvent"("at", "id");
CREATE INDEX "AuditEvent_entityType_at_id_idx" ON "AuditEvent"("entityType", "at", "id");
-- A group's offers (history, running contracts of brokering candidates).
CREATE INDEX "Offer_groupId_status_idx" ON "Offer"("groupId", "status");
-- Stripe refunds: the payment of a payment intent.
CREATE INDEX "Payment_stripePaymentIntentId_idx" ON "Payment"("stripePaymentIntentId");
-- A product's certificates.
CREATE INDEX "ProductCertification_productId_idx" ON "ProductCertification"("productId");
-- The lines of a handover (track records).
CREATE INDEX "DeliveryLine_deliveryId_idx" ON "DeliveryLine"("deliveryId");
-- An office's records (Dinas lists and the audit log's office scope).
CREATE INDEX "Group_dinasOfficeId_idx" ON "Group"("dinasOfficeId");
CREATE INDEX "Partner_dinasOfficeId_idx" ON "Partner"("dinasOfficeId");
CREATE INDEX "User_dinasOfficeId_idx" ON "User"("dinasOfficeId");
CREATE INDEX "Mou_dinasOfficeId_status_endDate_idx" ON "Mou"("dinasOfficeId", "status", "endDate");
-- An MoU's coaching commitments, a visit's follow-ups (the audit log's office scope).
CREATE INDEX "CoachingCommitment_mouId_idx" ON "CoachingCommitment"("mouId");
CREATE INDEX "VisitFollowUp_visitId_idx" ON "VisitFollowUp"("visitId");
