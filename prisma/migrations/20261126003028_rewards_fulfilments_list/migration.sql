-- hand-written: rewards_fulfilments_list. Not generated: the drift test replays it on top of schema.prisma.

-- Rewards screen (lib/rewards/list-rewards.ts). Its "created" column and default order are
-- COALESCE(fp_created_at, first_seen_at) (FirstPromoter's created_at when it sent one), newest first,
-- with id as the keyset tie-break; each index below is read in that order (or backwards), so a page
-- is an index range scan whatever the filter. Expression indexes: the keyset needs a NOT NULL key.

-- Rewards: the default order, unfiltered, and the created date-range filter.
CREATE INDEX reward_created_idx ON reward ((COALESCE(fp_created_at, first_seen_at)) DESC, id DESC);

-- Rewards filtered by status (one status: read in order; several: merged by the planner).
CREATE INDEX reward_status_created_idx ON reward (status, (COALESCE(fp_created_at, first_seen_at)) DESC, id DESC);

-- Rewards filtered by unit.
CREATE INDEX reward_unit_created_idx ON reward (unit, (COALESCE(fp_created_at, first_seen_at)) DESC, id DESC);

-- Rewards of a promoter (/rewards?promoter=<id>, linked from the promoter detail).
CREATE INDEX reward_promoter_created_idx ON reward (promoter_id, (COALESCE(fp_created_at, first_seen_at)) DESC, id DESC);

-- Rewards sorted by amount (a missing amount sorts as 0), within a unit (the usual case: amounts of
-- different units do not compare) and over all units.
CREATE INDEX reward_unit_amount_idx ON reward (unit, (COALESCE(amount, 0)) DESC, id DESC);
CREATE INDEX reward_amount_idx ON reward ((COALESCE(amount, 0)) DESC, id DESC);

-- Rewards search by the lead's email: lower(email) LIKE 'prefix%' (a whole address is its own
-- prefix); the leads screen's search uses it too. text_pattern_ops makes the prefix an index range
-- whatever the database collation, and also serves lower(email) = '…'. Not partial on purpose: ANALYZE
-- keeps statistics on an expression index's expression, and without them the planner guessed 500
-- leads for one address and walked every reward in date order instead (100k rewards: 280 ms → 1 ms).
CREATE INDEX lead_email_lower_pattern_idx ON lead (lower(email) text_pattern_ops);

-- Fulfilments review queue (lib/fulfilments/list-fulfilments.ts). The default, pending oldest first,
-- is fulfilment(review_status, first_delivery_at, id) from schema.prisma. These serve the other
-- filters in that order. None of them covers last_delivery_at, delivery_count or confirmed_at, which
-- every re-send updates: those updates stay HOT (no index writes on the webhook's hot path).

-- Every review status (`?review_status=all`), oldest or newest first.
CREATE INDEX fulfilment_first_delivery_idx ON fulfilment (first_delivery_at, id);

-- Queue filtered by campaign (a status and a campaign: read in order).
CREATE INDEX fulfilment_campaign_review_idx ON fulfilment (campaign_id, review_status, first_delivery_at, id);

-- Queue filtered by unit.
CREATE INDEX fulfilment_unit_review_idx ON fulfilment (unit, review_status, first_delivery_at, id);

-- (Queue filtered by promoter: fulfilment(promoter_id) from schema.prisma; one promoter's
-- fulfilments are few enough to sort.)

-- Queue filtered to has_issues (rare: FirstPromoter gave up re-sending): a small partial index.
CREATE INDEX fulfilment_has_issues_idx ON fulfilment (review_status, first_delivery_at, id) WHERE has_issues;

-- Queue sorted by amount (largest first), per review status.
CREATE INDEX fulfilment_review_amount_idx ON fulfilment (review_status, (COALESCE(amount, 0)) DESC, id DESC);
