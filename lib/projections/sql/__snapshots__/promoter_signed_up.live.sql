-- promoter_signed_up, live: writes campaign, promoter, balance, promotion
-- Prepared as ledger_ingest_56480acce5744e34. Parameters:
--   $1 source
--   $2 external_id
--   $3 type
--   $4 entity_type
--   $5 occurred_at
--   $6 received_at
--   $7 payload
--   $8 seq
--   $9 vkey
--   $10 projection
--   $11 format
--   $12 body_bytes

WITH ev_row AS (
  INSERT INTO webhook_event AS e (source, external_id, type, entity_type, occurred_at, received_at, payload, status, error)
  VALUES ($1::text, $2::text, $3::text, $4::text, $5::timestamptz, $6::timestamptz, $7::jsonb, 'processed', NULL)
  ON CONFLICT (source, external_id) DO UPDATE SET external_id = e.external_id
  RETURNING id, occurred_at AS at, $8::bigint AS seq, (xmax = 0) AS inserted
),
ev AS (SELECT id, at, seq FROM ev_row WHERE inserted),
c_campaign AS (
  INSERT INTO campaign AS t (id, name, landing_url, field_versions, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT r.id, r.name, r.landing_url, jsonb_strip_nulls(jsonb_build_object('name', CASE WHEN (r.name IS NOT NULL OR r._nulls ? 'name') THEN $9::jsonb END, 'landing_url', CASE WHEN (r.landing_url IS NOT NULL OR r._nulls ? 'landing_url') THEN $9::jsonb END)), ev.at, ev.seq, $9::jsonb
  FROM ev CROSS JOIN jsonb_to_recordset($10::jsonb -> 'campaigns') AS r(id bigint, name text, landing_url text, _nulls jsonb)
  ON CONFLICT (id) DO UPDATE SET
    name = CASE WHEN (EXCLUDED.field_versions ? 'name' AND COALESCE(ledger_vkey(t.field_versions -> ('name')) <= $9::jsonb, true)) THEN EXCLUDED.name ELSE t.name END,
    landing_url = CASE WHEN (EXCLUDED.field_versions ? 'landing_url' AND COALESCE(ledger_vkey(t.field_versions -> ('landing_url')) <= $9::jsonb, true)) THEN EXCLUDED.landing_url ELSE t.landing_url END,
    field_versions = t.field_versions || jsonb_strip_nulls(jsonb_build_object('name', CASE WHEN (EXCLUDED.field_versions ? 'name' AND COALESCE(ledger_vkey(t.field_versions -> ('name')) <= $9::jsonb, true)) THEN $9::jsonb END, 'landing_url', CASE WHEN (EXCLUDED.field_versions ? 'landing_url' AND COALESCE(ledger_vkey(t.field_versions -> ('landing_url')) <= $9::jsonb, true)) THEN $9::jsonb END)),
    snapshot_at = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_at ELSE t.snapshot_at END,
    snapshot_event_id = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_event_id ELSE t.snapshot_event_id END,
    snapshot_key = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN $9::jsonb ELSE ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) END,
    updated_at = now()
  RETURNING t.id
),
c_promoter AS (
  INSERT INTO promoter AS t (id, status, email, default_ref_id, first_name, last_name, profile, fp_created_at, field_versions, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT r.id, r.status, r.email, r.default_ref_id, r.first_name, r.last_name, r.profile, r.fp_created_at, jsonb_strip_nulls(jsonb_build_object('status', CASE WHEN (r.status IS NOT NULL OR r._nulls ? 'status') THEN $9::jsonb END, 'email', CASE WHEN (r.email IS NOT NULL OR r._nulls ? 'email') THEN $9::jsonb END, 'default_ref_id', CASE WHEN (r.default_ref_id IS NOT NULL OR r._nulls ? 'default_ref_id') THEN $9::jsonb END, 'first_name', CASE WHEN (r.first_name IS NOT NULL OR r._nulls ? 'first_name') THEN $9::jsonb END, 'last_name', CASE WHEN (r.last_name IS NOT NULL OR r._nulls ? 'last_name') THEN $9::jsonb END, 'fp_created_at', CASE WHEN (r.fp_created_at IS NOT NULL OR r._nulls ? 'fp_created_at') THEN $9::jsonb END)) || COALESCE((SELECT jsonb_object_agg('profile.' || n.key, $9::jsonb) FROM jsonb_each(COALESCE(r.profile, '{}')) n ), '{}'), ev.at, ev.seq, $9::jsonb
  FROM ev CROSS JOIN jsonb_to_recordset($10::jsonb -> 'promoters') AS r(id bigint, status text, email text, default_ref_id text, first_name text, last_name text, profile jsonb, fp_created_at timestamptz, _nulls jsonb)
  ON CONFLICT (id) DO UPDATE SET
    status = CASE WHEN (EXCLUDED.field_versions ? 'status' AND COALESCE(ledger_vkey(t.field_versions -> ('status')) <= $9::jsonb, true)) THEN EXCLUDED.status ELSE t.status END,
    email = CASE WHEN (EXCLUDED.field_versions ? 'email' AND COALESCE(ledger_vkey(t.field_versions -> ('email')) <= $9::jsonb, true)) THEN EXCLUDED.email ELSE t.email END,
    default_ref_id = CASE WHEN (EXCLUDED.field_versions ? 'default_ref_id' AND COALESCE(ledger_vkey(t.field_versions -> ('default_ref_id')) <= $9::jsonb, true)) THEN EXCLUDED.default_ref_id ELSE t.default_ref_id END,
    first_name = CASE WHEN (EXCLUDED.field_versions ? 'first_name' AND COALESCE(ledger_vkey(t.field_versions -> ('first_name')) <= $9::jsonb, true)) THEN EXCLUDED.first_name ELSE t.first_name END,
    last_name = CASE WHEN (EXCLUDED.field_versions ? 'last_name' AND COALESCE(ledger_vkey(t.field_versions -> ('last_name')) <= $9::jsonb, true)) THEN EXCLUDED.last_name ELSE t.last_name END,
    profile = CASE WHEN EXCLUDED.profile IS NULL THEN t.profile ELSE (
      SELECT jsonb_object_agg(m.key, m.value) FROM (
        SELECT o.key, o.value FROM jsonb_each(COALESCE(t.profile, '{}')) o
        WHERE NOT (EXCLUDED.profile ? o.key AND COALESCE(ledger_vkey(t.field_versions -> ('profile.' || o.key)) <= $9::jsonb, true))
        UNION ALL
        SELECT n.key, n.value FROM jsonb_each(EXCLUDED.profile) n WHERE COALESCE(ledger_vkey(t.field_versions -> ('profile.' || n.key)) <= $9::jsonb, true)
      ) m) END,
    fp_created_at = CASE WHEN (EXCLUDED.field_versions ? 'fp_created_at' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_created_at')) <= $9::jsonb, true)) THEN EXCLUDED.fp_created_at ELSE t.fp_created_at END,
    field_versions = t.field_versions || jsonb_strip_nulls(jsonb_build_object('status', CASE WHEN (EXCLUDED.field_versions ? 'status' AND COALESCE(ledger_vkey(t.field_versions -> ('status')) <= $9::jsonb, true)) THEN $9::jsonb END, 'email', CASE WHEN (EXCLUDED.field_versions ? 'email' AND COALESCE(ledger_vkey(t.field_versions -> ('email')) <= $9::jsonb, true)) THEN $9::jsonb END, 'default_ref_id', CASE WHEN (EXCLUDED.field_versions ? 'default_ref_id' AND COALESCE(ledger_vkey(t.field_versions -> ('default_ref_id')) <= $9::jsonb, true)) THEN $9::jsonb END, 'first_name', CASE WHEN (EXCLUDED.field_versions ? 'first_name' AND COALESCE(ledger_vkey(t.field_versions -> ('first_name')) <= $9::jsonb, true)) THEN $9::jsonb END, 'last_name', CASE WHEN (EXCLUDED.field_versions ? 'last_name' AND COALESCE(ledger_vkey(t.field_versions -> ('last_name')) <= $9::jsonb, true)) THEN $9::jsonb END, 'fp_created_at', CASE WHEN (EXCLUDED.field_versions ? 'fp_created_at' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_created_at')) <= $9::jsonb, true)) THEN $9::jsonb END)) || COALESCE((SELECT jsonb_object_agg('profile.' || n.key, $9::jsonb) FROM jsonb_each(COALESCE(EXCLUDED.profile, '{}')) n WHERE COALESCE(ledger_vkey(t.field_versions -> ('profile.' || n.key)) <= $9::jsonb, true)), '{}'),
    snapshot_at = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_at ELSE t.snapshot_at END,
    snapshot_event_id = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_event_id ELSE t.snapshot_event_id END,
    snapshot_key = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN $9::jsonb ELSE ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) END,
    updated_at = now()
  RETURNING t.id
),
c_balance AS (
  INSERT INTO promoter_balance AS t (promoter_id, kind, unit, amount, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT r.promoter_id, r.kind::balance_kind, r.unit, r.amount, ev.at, ev.seq, $9::jsonb
  FROM ev CROSS JOIN jsonb_to_recordset($10::jsonb -> 'balances') AS r(promoter_id bigint, kind text, unit text, amount numeric)
  ON CONFLICT (promoter_id, kind, unit) DO UPDATE
    SET amount = EXCLUDED.amount, snapshot_at = EXCLUDED.snapshot_at, snapshot_event_id = EXCLUDED.snapshot_event_id, snapshot_key = $9::jsonb
    WHERE $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id)
  RETURNING t.promoter_id
),
c_promotion AS (
  INSERT INTO promotion AS t (id, promoter_id, campaign_id, status, ref_id, referral_link, current_referral_reward, field_versions, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT r.id, r.promoter_id, r.campaign_id, r.status, r.ref_id, r.referral_link, r.current_referral_reward, jsonb_strip_nulls(jsonb_build_object('promoter_id', CASE WHEN (r.promoter_id IS NOT NULL OR r._nulls ? 'promoter_id') THEN $9::jsonb END, 'campaign_id', CASE WHEN (r.campaign_id IS NOT NULL OR r._nulls ? 'campaign_id') THEN $9::jsonb END, 'status', CASE WHEN (r.status IS NOT NULL OR r._nulls ? 'status') THEN $9::jsonb END, 'ref_id', CASE WHEN (r.ref_id IS NOT NULL OR r._nulls ? 'ref_id') THEN $9::jsonb END, 'referral_link', CASE WHEN (r.referral_link IS NOT NULL OR r._nulls ? 'referral_link') THEN $9::jsonb END, 'current_referral_reward', CASE WHEN (r.current_referral_reward IS NOT NULL OR r._nulls ? 'current_referral_reward') THEN $9::jsonb END)), ev.at, ev.seq, $9::jsonb
  FROM ev CROSS JOIN jsonb_to_recordset($10::jsonb -> 'promotions') AS r(id bigint, promoter_id bigint, campaign_id bigint, status text, ref_id text, referral_link text, current_referral_reward jsonb, _nulls jsonb)
  ON CONFLICT (id) DO UPDATE SET
    promoter_id = CASE WHEN (EXCLUDED.field_versions ? 'promoter_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promoter_id')) <= $9::jsonb, true)) THEN EXCLUDED.promoter_id ELSE t.promoter_id END,
    campaign_id = CASE WHEN (EXCLUDED.field_versions ? 'campaign_id' AND COALESCE(ledger_vkey(t.field_versions -> ('campaign_id')) <= $9::jsonb, true)) THEN EXCLUDED.campaign_id ELSE t.campaign_id END,
    status = CASE WHEN (EXCLUDED.field_versions ? 'status' AND COALESCE(ledger_vkey(t.field_versions -> ('status')) <= $9::jsonb, true)) THEN EXCLUDED.status ELSE t.status END,
    ref_id = CASE WHEN (EXCLUDED.field_versions ? 'ref_id' AND COALESCE(ledger_vkey(t.field_versions -> ('ref_id')) <= $9::jsonb, true)) THEN EXCLUDED.ref_id ELSE t.ref_id END,
    referral_link = CASE WHEN (EXCLUDED.field_versions ? 'referral_link' AND COALESCE(ledger_vkey(t.field_versions -> ('referral_link')) <= $9::jsonb, true)) THEN EXCLUDED.referral_link ELSE t.referral_link END,
    current_referral_reward = CASE WHEN (EXCLUDED.field_versions ? 'current_referral_reward' AND COALESCE(ledger_vkey(t.field_versions -> ('current_referral_reward')) <= $9::jsonb, true)) THEN EXCLUDED.current_referral_reward ELSE t.current_referral_reward END,
    field_versions = t.field_versions || jsonb_strip_nulls(jsonb_build_object('promoter_id', CASE WHEN (EXCLUDED.field_versions ? 'promoter_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promoter_id')) <= $9::jsonb, true)) THEN $9::jsonb END, 'campaign_id', CASE WHEN (EXCLUDED.field_versions ? 'campaign_id' AND COALESCE(ledger_vkey(t.field_versions -> ('campaign_id')) <= $9::jsonb, true)) THEN $9::jsonb END, 'status', CASE WHEN (EXCLUDED.field_versions ? 'status' AND COALESCE(ledger_vkey(t.field_versions -> ('status')) <= $9::jsonb, true)) THEN $9::jsonb END, 'ref_id', CASE WHEN (EXCLUDED.field_versions ? 'ref_id' AND COALESCE(ledger_vkey(t.field_versions -> ('ref_id')) <= $9::jsonb, true)) THEN $9::jsonb END, 'referral_link', CASE WHEN (EXCLUDED.field_versions ? 'referral_link' AND COALESCE(ledger_vkey(t.field_versions -> ('referral_link')) <= $9::jsonb, true)) THEN $9::jsonb END, 'current_referral_reward', CASE WHEN (EXCLUDED.field_versions ? 'current_referral_reward' AND COALESCE(ledger_vkey(t.field_versions -> ('current_referral_reward')) <= $9::jsonb, true)) THEN $9::jsonb END)),
    snapshot_at = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_at ELSE t.snapshot_at END,
    snapshot_event_id = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_event_id ELSE t.snapshot_event_id END,
    snapshot_key = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN $9::jsonb ELSE ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) END,
    updated_at = now()
  RETURNING t.id
),
c_touched AS (
  INSERT INTO event_record (event_id, record_type, record_id)
  SELECT ev.id, r.record_type::record_type, r.record_id
  FROM ev CROSS JOIN jsonb_to_recordset($10::jsonb -> 'touched') AS r(record_type text, record_id bigint)
  ON CONFLICT DO NOTHING
  RETURNING event_id
),
dl AS (
  INSERT INTO webhook_delivery (received_at, format, status_code, outcome, error_code, reason, external_event_id, event_type, event_id, body_bytes, raw_body)
  SELECT $6::timestamptz, $11::text, 200, CASE WHEN EXISTS (SELECT 1 FROM ev) THEN 'accepted' ELSE 'duplicate' END, NULL, NULL, $2::text, $3::text,
    (SELECT id FROM ev_row),
    $12::integer, NULL
  RETURNING status_code, outcome
)
SELECT (SELECT id FROM ev) AS event_id, dl.status_code, dl.outcome, NULL::text AS review_status FROM dl
