-- CreateIndex
CREATE INDEX "webhook_event_occurred_at_idx" ON "webhook_event"("occurred_at" DESC);

-- CreateIndex
CREATE INDEX "webhook_delivery_outcome_received_at_idx" ON "webhook_delivery"("outcome", "received_at" DESC);

-- CreateIndex
CREATE INDEX "webhook_delivery_status_code_received_at_idx" ON "webhook_delivery"("status_code", "received_at" DESC);
