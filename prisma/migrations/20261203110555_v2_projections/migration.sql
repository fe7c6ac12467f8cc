-- AlterEnum
ALTER TYPE "record_type" ADD VALUE 'payout';

-- AlterTable
ALTER TABLE "campaign" ADD COLUMN     "snapshot_key" JSONB,
ALTER COLUMN "snapshot_event_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "promoter" ADD COLUMN     "cust_id" TEXT,
ADD COLUMN     "custom_fields" JSONB,
ADD COLUMN     "deleted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "name" TEXT,
ADD COLUMN     "snapshot_key" JSONB,
ALTER COLUMN "snapshot_event_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "promoter_balance" ADD COLUMN     "snapshot_key" JSONB,
ALTER COLUMN "snapshot_event_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "promotion" ADD COLUMN     "deleted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "snapshot_key" JSONB,
ADD COLUMN     "state" TEXT,
ALTER COLUMN "snapshot_event_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "lead" ADD COLUMN     "deleted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "snapshot_key" JSONB,
ALTER COLUMN "snapshot_event_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "reward" ADD COLUMN     "deleted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "is_paid" BOOLEAN,
ADD COLUMN     "snapshot_key" JSONB,
ADD COLUMN     "status_updated_at" TIMESTAMPTZ(3),
ALTER COLUMN "snapshot_event_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "fulfilment" ADD COLUMN     "format" TEXT NOT NULL DEFAULT 'v1',
ADD COLUMN     "snapshot_key" JSONB,
ALTER COLUMN "snapshot_event_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "payout" (
    "id" BIGINT NOT NULL,
    "status" TEXT,
    "amount" DECIMAL(20,4),
    "unit" TEXT,
    "total_incl_tax" DECIMAL(20,4),
    "period_start" TIMESTAMPTZ(3),
    "period_end" TIMESTAMPTZ(3),
    "paid_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),
    "error" TEXT,
    "payments_batch_id" BIGINT,
    "fp_created_at" TIMESTAMPTZ(3),
    "promoter_id" BIGINT,
    "campaign_id" BIGINT,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "field_versions" JSONB NOT NULL DEFAULT '{}',
    "snapshot_at" TIMESTAMPTZ(3) NOT NULL,
    "snapshot_event_id" BIGINT,
    "snapshot_key" JSONB,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payout_commission" (
    "payout_id" BIGINT NOT NULL,
    "commission_id" BIGINT NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "field_versions" JSONB NOT NULL DEFAULT '{}',
    "snapshot_at" TIMESTAMPTZ(3) NOT NULL,
    "snapshot_event_id" BIGINT,
    "snapshot_key" JSONB,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payout_commission_pkey" PRIMARY KEY ("payout_id","commission_id")
);

-- CreateIndex
CREATE INDEX "payout_promoter_id_id_idx" ON "payout"("promoter_id", "id" DESC);

-- CreateIndex
CREATE INDEX "payout_commission_commission_id_idx" ON "payout_commission"("commission_id");

-- AddForeignKey
ALTER TABLE "payout" ADD CONSTRAINT "payout_promoter_id_fkey" FOREIGN KEY ("promoter_id") REFERENCES "promoter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payout" ADD CONSTRAINT "payout_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payout_commission" ADD CONSTRAINT "payout_commission_payout_id_fkey" FOREIGN KEY ("payout_id") REFERENCES "payout"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payout_commission" ADD CONSTRAINT "payout_commission_commission_id_fkey" FOREIGN KEY ("commission_id") REFERENCES "reward"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
