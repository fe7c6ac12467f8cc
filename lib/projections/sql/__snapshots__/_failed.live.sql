-- a known type whose data fails its schema, live: stored as failed
-- Prepared as ledger_ingest_9d16192f3a97c1c7. Parameters:
--   $1 source
--   $2 external_id
--   $3 type
--   $4 occurred_at
--   $5 received_at
--   $6 payload
--   $7 error
--   $8 seq
--   $9 body_bytes
--   $10 raw_body

WITH ev_row AS (
  INSERT INTO webhook_event AS e (source, external_id, type, occurred_at, received_at, payload, status, error)
  VALUES ($1::text, $2::text, $3::text, $4::timestamptz, $5::timestamptz, $6::jsonb, 'failed', $7::text)
  ON CONFLICT (source, external_id) DO UPDATE SET external_id = e.external_id
  RETURNING id, occurred_at AS at, $8::bigint AS seq, (xmax = 0) AS inserted
),
ev AS (SELECT id, at, seq FROM ev_row WHERE inserted),
dl AS (
  INSERT INTO webhook_delivery (received_at, status_code, outcome, error_code, reason, external_event_id, event_type, event_id, body_bytes, raw_body)
  SELECT $5::timestamptz, 422, 'rejected', 'invalid_data', $7::text, $2::text, $3::text,
    (SELECT id FROM ev_row),
    $9::integer, $10::bytea
  RETURNING status_code, outcome
)
SELECT (SELECT id FROM ev) AS event_id, dl.status_code, dl.outcome, NULL::text AS review_status FROM dl
