-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "event_status" AS ENUM ('processed', 'ignored', 'failed');

-- CreateEnum
CREATE TYPE "review_status" AS ENUM ('pending', 'approved', 'held', 'rejected');

-- CreateEnum
CREATE TYPE "balance_kind" AS ENUM ('earnings', 'current', 'paid');

-- CreateEnum
CREATE TYPE "record_type" AS ENUM ('promoter', 'campaign', 'promotion', 'lead', 'reward', 'fulfilment');

-- CreateTable
CREATE TABLE "webhook_event" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'firstpromoter',
    "external_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" JSONB NOT NULL,
    "status" "event_status" NOT NULL,
    "error" TEXT,

    CONSTRAINT "webhook_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "id" BIGSERIAL NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status_code" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "error_code" TEXT,
    "reason" TEXT,
    "external_event_id" TEXT,
    "event_type" TEXT,
    "event_id" BIGINT,
    "body_bytes" INTEGER,

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_record" (
    "event_id" BIGINT NOT NULL,
    "record_type" "record_type" NOT NULL,
    "record_id" BIGINT NOT NULL,

    CONSTRAINT "event_record_pkey" PRIMARY KEY ("record_type","record_id","event_id")
);

-- CreateTable
CREATE TABLE "campaign" (
    "id" BIGINT NOT NULL,
    "name" TEXT,
    "landing_url" TEXT,
    "snapshot_at" TIMESTAMPTZ(3) NOT NULL,
    "snapshot_event_id" BIGINT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promoter" (
    "id" BIGINT NOT NULL,
    "status" TEXT,
    "email" TEXT,
    "default_ref_id" TEXT,
    "first_name" TEXT,
    "last_name" TEXT,
    "profile" JSONB,
    "fp_created_at" TIMESTAMPTZ(3),
    "snapshot_at" TIMESTAMPTZ(3) NOT NULL,
    "snapshot_event_id" BIGINT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "promoter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promoter_balance" (
    "promoter_id" BIGINT NOT NULL,
    "kind" "balance_kind" NOT NULL,
    "unit" TEXT NOT NULL,
    "amount" DECIMAL(20,4) NOT NULL,
    "snapshot_at" TIMESTAMPTZ(3) NOT NULL,
    "snapshot_event_id" BIGINT NOT NULL,

    CONSTRAINT "promoter_balance_pkey" PRIMARY KEY ("promoter_id","kind","unit")
);

-- CreateTable
CREATE TABLE "promotion" (
    "id" BIGINT NOT NULL,
    "promoter_id" BIGINT,
    "campaign_id" BIGINT,
    "status" TEXT,
    "ref_id" TEXT,
    "referral_link" TEXT,
    "current_referral_reward" JSONB,
    "snapshot_at" TIMESTAMPTZ(3) NOT NULL,
    "snapshot_event_id" BIGINT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "promotion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead" (
    "id" BIGINT NOT NULL,
    "state" TEXT,
    "suspicion" TEXT,
    "email" TEXT,
    "uid" TEXT,
    "username" TEXT,
    "website" TEXT,
    "plan_name" TEXT,
    "customer_since" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "custom_fields" JSONB,
    "split_promotion_id" BIGINT,
    "fp_created_at" TIMESTAMPTZ(3),
    "promoter_id" BIGINT,
    "promotion_id" BIGINT,
    "snapshot_at" TIMESTAMPTZ(3) NOT NULL,
    "snapshot_event_id" BIGINT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reward" (
    "id" BIGINT NOT NULL,
    "status" TEXT,
    "amount" DECIMAL(20,4),
    "unit" TEXT,
    "conversion_amount" DECIMAL(20,4),
    "tier_level" INTEGER,
    "split_type" TEXT,
    "fp_event_id" BIGINT,
    "fp_created_at" TIMESTAMPTZ(3),
    "lead_id" BIGINT,
    "promoter_id" BIGINT,
    "promotion_id" BIGINT,
    "snapshot_at" TIMESTAMPTZ(3) NOT NULL,
    "snapshot_event_id" BIGINT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fulfilment" (
    "id" BIGINT NOT NULL,
    "fp_status" TEXT,
    "review_status" "review_status" NOT NULL DEFAULT 'pending',
    "reviewed_at" TIMESTAMPTZ(3),
    "reviewed_by" TEXT,
    "review_reason" TEXT,
    "amount" DECIMAL(20,4),
    "unit" TEXT,
    "due_date" TIMESTAMPTZ(3),
    "date_paid" TIMESTAMPTZ(3),
    "has_issues" BOOLEAN NOT NULL DEFAULT false,
    "reward" JSONB,
    "fp_created_at" TIMESTAMPTZ(3),
    "promoter_id" BIGINT,
    "campaign_id" BIGINT,
    "first_delivery_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_delivery_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivery_count" INTEGER NOT NULL DEFAULT 1,
    "confirmed_at" TIMESTAMPTZ(3),
    "snapshot_at" TIMESTAMPTZ(3) NOT NULL,
    "snapshot_event_id" BIGINT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fulfilment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_event_type_occurred_at_idx" ON "webhook_event"("type", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "webhook_event_received_at_idx" ON "webhook_event"("received_at" DESC);

-- CreateIndex
CREATE INDEX "webhook_event_status_received_at_idx" ON "webhook_event"("status", "received_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "webhook_event_source_external_id_key" ON "webhook_event"("source", "external_id");

-- CreateIndex
CREATE INDEX "webhook_delivery_received_at_idx" ON "webhook_delivery"("received_at" DESC);

-- CreateIndex
CREATE INDEX "webhook_delivery_event_id_idx" ON "webhook_delivery"("event_id");

-- CreateIndex
CREATE INDEX "event_record_event_id_idx" ON "event_record"("event_id");

-- CreateIndex
CREATE INDEX "promoter_status_id_idx" ON "promoter"("status", "id" DESC);

-- CreateIndex
CREATE INDEX "promoter_email_idx" ON "promoter"("email");

-- CreateIndex
CREATE INDEX "promoter_default_ref_id_idx" ON "promoter"("default_ref_id");

-- CreateIndex
CREATE INDEX "promoter_balance_kind_unit_amount_promoter_id_idx" ON "promoter_balance"("kind", "unit", "amount" DESC, "promoter_id");

-- CreateIndex
CREATE INDEX "promotion_promoter_id_idx" ON "promotion"("promoter_id");

-- CreateIndex
CREATE INDEX "promotion_campaign_id_promoter_id_idx" ON "promotion"("campaign_id", "promoter_id");

-- CreateIndex
CREATE INDEX "lead_state_id_idx" ON "lead"("state", "id" DESC);

-- CreateIndex
CREATE INDEX "lead_promoter_id_id_idx" ON "lead"("promoter_id", "id" DESC);

-- CreateIndex
CREATE INDEX "lead_promotion_id_idx" ON "lead"("promotion_id");

-- CreateIndex
CREATE INDEX "lead_email_idx" ON "lead"("email");

-- CreateIndex
CREATE INDEX "reward_status_unit_id_idx" ON "reward"("status", "unit", "id" DESC);

-- CreateIndex
CREATE INDEX "reward_promoter_id_id_idx" ON "reward"("promoter_id", "id" DESC);

-- CreateIndex
CREATE INDEX "reward_lead_id_idx" ON "reward"("lead_id");

-- CreateIndex
CREATE INDEX "fulfilment_review_status_first_delivery_at_id_idx" ON "fulfilment"("review_status", "first_delivery_at", "id");

-- CreateIndex
CREATE INDEX "fulfilment_promoter_id_idx" ON "fulfilment"("promoter_id");

-- AddForeignKey
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "webhook_event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_record" ADD CONSTRAINT "event_record_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "webhook_event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promoter_balance" ADD CONSTRAINT "promoter_balance_promoter_id_fkey" FOREIGN KEY ("promoter_id") REFERENCES "promoter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promotion" ADD CONSTRAINT "promotion_promoter_id_fkey" FOREIGN KEY ("promoter_id") REFERENCES "promoter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promotion" ADD CONSTRAINT "promotion_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead" ADD CONSTRAINT "lead_promoter_id_fkey" FOREIGN KEY ("promoter_id") REFERENCES "promoter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead" ADD CONSTRAINT "lead_promotion_id_fkey" FOREIGN KEY ("promotion_id") REFERENCES "promotion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reward" ADD CONSTRAINT "reward_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reward" ADD CONSTRAINT "reward_promoter_id_fkey" FOREIGN KEY ("promoter_id") REFERENCES "promoter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reward" ADD CONSTRAINT "reward_promotion_id_fkey" FOREIGN KEY ("promotion_id") REFERENCES "promotion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fulfilment" ADD CONSTRAINT "fulfilment_promoter_id_fkey" FOREIGN KEY ("promoter_id") REFERENCES "promoter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fulfilment" ADD CONSTRAINT "fulfilment_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;
