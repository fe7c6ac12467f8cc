-- AlterTable
ALTER TABLE "webhook_delivery" ADD COLUMN     "raw_body" BYTEA;
