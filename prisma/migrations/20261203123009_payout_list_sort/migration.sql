-- hand-written: payout_list_sort. Not generated: the drift test replays it on top of schema.prisma.

-- Payouts screen sorted by period (lib/payouts/list-payouts.ts): the sort key is the period's start, or
-- the payout's creation when FirstPromoter sent no period (a NOT NULL expression, as the keyset needs).
DROP INDEX payout_period_idx;
CREATE INDEX payout_period_idx ON payout ((COALESCE(period_start, fp_created_at, first_seen_at)) DESC, id DESC) WHERE NOT deleted;

-- Payouts screen filtered by promoter, newest first (the promoter page's payouts section too).
CREATE INDEX payout_promoter_created_idx ON payout (promoter_id, (COALESCE(fp_created_at, first_seen_at)) DESC, id DESC) WHERE NOT deleted;
