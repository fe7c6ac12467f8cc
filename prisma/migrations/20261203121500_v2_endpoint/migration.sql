-- AlterTable
ALTER TABLE "webhook_event" ADD COLUMN     "entity_type" TEXT;

-- AlterTable
ALTER TABLE "webhook_delivery" ADD COLUMN     "format" TEXT NOT NULL DEFAULT 'v1';

-- CreateIndex
CREATE INDEX "webhook_event_source_received_at_idx" ON "webhook_event"("source", "received_at" DESC);

-- CreateIndex
CREATE INDEX "webhook_event_entity_type_received_at_idx" ON "webhook_event"("entity_type", "received_at" DESC);
