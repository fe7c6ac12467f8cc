-- hand-written: promoters_list. Not generated: the drift test replays it on top of schema.prisma.

-- The promoters screen (lib/promoters/promoter-list-sql.ts, list-promoters.ts, balance-keyset.ts).
-- Expression indexes, so hand-written: each expression below is exactly the one the queries use.

-- Default order (newest first) and the created date-range filter: "created" is FirstPromoter's
-- created_at, or when Ledger first saw the promoter if no snapshot carried it (never null, as the
-- keyset pagination needs). id breaks ties in the same direction as the keyset's ORDER BY.
CREATE INDEX promoter_created_id_idx ON promoter ((COALESCE(fp_created_at, first_seen_at)) DESC, id DESC);

-- Status filter in the default order: one index range per selected status, already in order.
CREATE INDEX promoter_status_created_id_idx ON promoter (status, (COALESCE(fp_created_at, first_seen_at)) DESC, id DESC);

-- Search box (promoterSearchCondition): prefix match on lower(email), lower(ref id) and the name.
-- text_pattern_ops compares bytes, so `LIKE 'jane%'` becomes an index range whatever the database's
-- collation (a default b-tree answers LIKE only under the C collation); it serves `=` as well. Each
-- branch of the search's OR uses one of these, combined by a BitmapOr: no sequential scan, and no
-- infix (%term%) search, which only a trigram index could answer.
-- Each indexes the first 254 characters (the longest search, lib/promoters/search-params.ts), so a
-- prefix of up to 254 characters matches exactly as on the whole value, and an overlong value that
-- FirstPromoter sends (names have no length limit) cannot exceed the b-tree's ~2.7 kB entry limit,
-- which would make the webhook's insert fail.
CREATE INDEX promoter_email_lower_idx ON promoter (left(lower(email), 254) text_pattern_ops);
CREATE INDEX promoter_ref_id_lower_idx ON promoter (left(lower(default_ref_id), 254) text_pattern_ops);
-- "jane", "jane sm": the full name starts with the first name.
CREATE INDEX promoter_full_name_lower_idx ON promoter (left(lower(COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')), 254) text_pattern_ops);
-- "smith": the last name alone.
CREATE INDEX promoter_last_name_lower_idx ON promoter (left(lower(last_name), 254) text_pattern_ops);
-- A ref id of any of the promoter's promotions (it may differ from their default one).
CREATE INDEX promotion_ref_id_lower_idx ON promotion (left(lower(ref_id), 254) text_pattern_ops);

-- Sort by a balance (kind + unit), keyset-paginated on (amount, promoter_id) in one direction: the
-- row comparison (amount, promoter_id) < (a, i) is a single index range only when both columns are
-- ordered the same way. The schema's promoter_balance_kind_unit_amount_promoter_id_idx has
-- promoter_id ascending under amount descending, so it cannot serve that comparison.
CREATE INDEX promoter_balance_sort_idx ON promoter_balance (kind, unit, amount DESC, promoter_id DESC);
