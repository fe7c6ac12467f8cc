-- CreateEnum
CREATE TYPE "sync_state" AS ENUM ('awaiting_review', 'held', 'sending', 'sent', 'retrying', 'waiting', 'not_connected', 'paused', 'confirmed', 'answered_200', 'failed', 'unfulfil_scheduled', 'unfulfil_sent', 'unfulfil_confirmed', 'unfulfil_failed', 'deny_scheduled', 'deny_sent', 'deny_confirmed', 'deny_failed', 'fp_fulfilled', 'fp_denied', 'settled');

-- CreateEnum
CREATE TYPE "command_kind" AS ENUM ('mark_fulfilled', 'deny', 'mark_unfulfilled');

-- CreateEnum
CREATE TYPE "command_state" AS ENUM ('queued', 'not_connected', 'scheduled', 'in_flight', 'waiting', 'confirmed', 'failed', 'cancelled');

-- AlterTable
-- Edited by hand: a rename, not drop + add, so existing installs keep when Ledger answered 200.
ALTER TABLE "fulfilment" RENAME COLUMN "confirmed_at" TO "answered_200_at";
ALTER TABLE "fulfilment" ADD COLUMN     "command_id" BIGINT,
ADD COLUMN     "fp_outcome" TEXT,
ADD COLUMN     "fp_outcome_at" TIMESTAMPTZ(3),
ADD COLUMN     "sync_state" "sync_state" NOT NULL DEFAULT 'awaiting_review',
ADD COLUMN     "undo_until" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "fp_command" (
    "id" BIGSERIAL NOT NULL,
    "fulfilment_id" BIGINT NOT NULL,
    "kind" "command_kind" NOT NULL,
    "state" "command_state" NOT NULL,
    "step" TEXT NOT NULL,
    "solo" BOOLEAN NOT NULL DEFAULT false,
    "payout_requested" BOOLEAN NOT NULL DEFAULT false,
    "read_back_for" TEXT,
    "batch_id" BIGINT,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by" TEXT,
    "review_before" JSONB,
    "undo_until" TIMESTAMPTZ(3),
    "due_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lease_until" TIMESTAMPTZ(3),
    "lease_owner" TEXT,
    "last_sent_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "last_error_at" TIMESTAMPTZ(3),
    "tried_ms" BIGINT NOT NULL DEFAULT 0,
    "clock_since" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "result" TEXT,
    "settled_at" TIMESTAMPTZ(3),
    "settled_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fp_command_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fp_connection" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "last_success_at" TIMESTAMPTZ(3),
    "last_error_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "paused_at" TIMESTAMPTZ(3),
    "paused_reason" TEXT,
    "paused_key" TEXT,
    "last_probe_at" TIMESTAMPTZ(3),
    "rate_limited_until" TIMESTAMPTZ(3),
    "tokens" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "tokens_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fp_connection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "fp_command_fulfilment_id_id_idx" ON "fp_command"("fulfilment_id", "id");

-- CreateIndex
CREATE INDEX "fulfilment_sync_state_first_delivery_at_id_idx" ON "fulfilment"("sync_state", "first_delivery_at", "id");

-- AddForeignKey
ALTER TABLE "fp_command" ADD CONSTRAINT "fp_command_fulfilment_id_fkey" FOREIGN KEY ("fulfilment_id") REFERENCES "fulfilment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
