-- hand-written: version_keys_and_payout_lists. Not generated: the drift test replays it on top of schema.prisma.

-- One version key for v1 and v2 (lib/projections/version-key.ts): [whole second, format (v1 0, v2 1),
-- action (v1 1; v2 created 0, updated 1, deleted 2), milliseconds within the second (v2 0), id (v1 the
-- event id, a number; v2 the event_id, text)]. Before this migration a key was [epoch ms, v1 event id]
-- (field_versions) or the pair (snapshot_at, snapshot_event_id) (rows). Postgres compares jsonb arrays
-- by length first, so a stored key of the old shape must never be compared as it is: the ingest
-- statement reads every stored key through these functions, and `npm run db:migrate` (and npm start)
-- rewrites the stored keys in batches, in the background of a running server (lib/db/backfill-version-keys.ts).

-- A field version in the current shape ([epoch ms, id] → [s, 0, 1, ms, id]); current keys unchanged.
CREATE FUNCTION ledger_vkey(k jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(k) = 'array' AND jsonb_array_length(k) = 2
    THEN jsonb_build_array(floor((k ->> 0)::numeric / 1000), 0, 1, mod((k ->> 0)::numeric, 1000), k -> 1)
    ELSE k END
$$;

-- A row's version key: snapshot_key, else the key of its legacy (snapshot_at, snapshot_event_id).
CREATE FUNCTION ledger_row_key(k jsonb, at timestamptz, id bigint) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT COALESCE(k, jsonb_build_array(floor(extract(epoch FROM at)), 0, 1, mod(floor(extract(epoch FROM at) * 1000), 1000), id))
$$;

-- Every field version of a row in the current shape (the backfill).
CREATE FUNCTION ledger_vkeys(v jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT COALESCE(jsonb_object_agg(e.key, ledger_vkey(e.value)), '{}'::jsonb) FROM jsonb_each(v) e
$$;

-- Where each batched backfill got to (resumable after a crash or a restart).
CREATE TABLE ledger_backfill (
  name text PRIMARY KEY,
  last_key text,
  rows_done bigint NOT NULL DEFAULT 0,
  done_at timestamptz
);

-- Payouts screen (lib/payouts/list-payouts.ts): newest first, by status, by promoter, by period;
-- deleted ones are left out of these indexes (the screen shows them only when asked, rarely).
CREATE INDEX payout_created_idx ON payout ((COALESCE(fp_created_at, first_seen_at)) DESC, id DESC) WHERE NOT deleted;
CREATE INDEX payout_status_created_idx ON payout (status, (COALESCE(fp_created_at, first_seen_at)) DESC, id DESC) WHERE NOT deleted;
CREATE INDEX payout_period_idx ON payout (period_start DESC, id DESC) WHERE NOT deleted;
