-- a known type whose data fails its schema, live: stored as failed
-- Prepared as ledger_ingest_f1dfa02209b2cf1d. Parameters:
--   $1 source
--   $2 external_id
--   $3 type
--   $4 entity_type
--   $5 occurred_at
--   $6 received_at
--   $7 payload
--   $8 error
--   $9 seq
--   $10 format
--   $11 body_bytes
--   $12 raw_body

WITH ev_row AS (
  INSERT INTO webhook_event AS e (source, external_id, type, entity_type, occurred_at, received_at, payload, status, error)
  VALUES ($1::text, $2::text, $3::text, $4::text, $5::timestamptz, $6::timestamptz, $7::jsonb, 'failed', $8::text)
  ON CONFLICT (source, external_id) DO UPDATE SET external_id = e.external_id
  RETURNING id, occurred_at AS at, $9::bigint AS seq, (xmax = 0) AS inserted
),
ev AS (SELECT id, at, seq FROM ev_row WHERE inserted),
dl AS (
  INSERT INTO webhook_delivery (received_at, format, status_code, outcome, error_code, reason, external_event_id, event_type, event_id, body_bytes, raw_body)
  SELECT $6::timestamptz, $10::text, 422, 'rejected', 'invalid_data', $8::text, $2::text, $3::text,
    (SELECT id FROM ev_row),
    $11::integer, $12::bytea
  RETURNING status_code, outcome
)
SELECT (SELECT id FROM ev) AS event_id, dl.status_code, dl.outcome, NULL::text AS review_status FROM dl
