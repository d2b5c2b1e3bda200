-- A catalogue order's one-time form key (issue 10 item 12): a double submit finds the first order.
ALTER TABLE "Order" ADD COLUMN "idempotencyKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Order_partnerId_idempotencyKey_key" ON "Order"("partnerId", "idempotencyKey");
