-- AlterTable
ALTER TABLE "campaign" ADD COLUMN     "field_versions" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "promoter" ADD COLUMN     "field_versions" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "promotion" ADD COLUMN     "field_versions" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "lead" ADD COLUMN     "field_versions" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "reward" ADD COLUMN     "field_versions" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "fulfilment" ADD COLUMN     "field_versions" JSONB NOT NULL DEFAULT '{}';
