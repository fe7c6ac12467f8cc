-- The screens search and sort through bounded expression indexes (promoters_list, rewards_fulfilments_list,
-- bounded_text_indexes); these plain ones served no query any more and cost every webhook write.

-- DropIndex
DROP INDEX "promoter_email_idx";

-- DropIndex
DROP INDEX "promoter_default_ref_id_idx";

-- DropIndex
DROP INDEX "promoter_balance_kind_unit_amount_promoter_id_idx";

-- DropIndex
DROP INDEX "lead_email_idx";
