-- v2 commission, replay: writes campaign, promoter, promotion, lead, reward, commission_queue
-- Prepared as ledger_ingest_4be8dd0f22adc33c. Parameters:
--   $1 source
--   $2 external_id
--   $3 seq
--   $4 vkey
--   $5 projection
--   $6 received_at

WITH ev AS (
  UPDATE webhook_event SET status = 'processed', error = NULL
  WHERE source = $1::text AND external_id = $2::text
  RETURNING id, occurred_at AS at, $3::bigint AS seq
),
c_campaign AS (
  INSERT INTO campaign AS t (id, name, landing_url, field_versions, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT r.id, r.name, r.landing_url, jsonb_strip_nulls(jsonb_build_object('name', CASE WHEN (r.name IS NOT NULL OR r._nulls ? 'name') THEN $4::jsonb END, 'landing_url', CASE WHEN (r.landing_url IS NOT NULL OR r._nulls ? 'landing_url') THEN $4::jsonb END)), ev.at, ev.seq, $4::jsonb
  FROM ev CROSS JOIN jsonb_to_recordset($5::jsonb -> 'campaigns') AS r(id bigint, name text, landing_url text, _nulls jsonb)
  ON CONFLICT (id) DO UPDATE SET
    name = CASE WHEN (EXCLUDED.field_versions ? 'name' AND COALESCE(ledger_vkey(t.field_versions -> ('name')) <= $4::jsonb, true)) THEN EXCLUDED.name ELSE t.name END,
    landing_url = CASE WHEN (EXCLUDED.field_versions ? 'landing_url' AND COALESCE(ledger_vkey(t.field_versions -> ('landing_url')) <= $4::jsonb, true)) THEN EXCLUDED.landing_url ELSE t.landing_url END,
    field_versions = t.field_versions || jsonb_strip_nulls(jsonb_build_object('name', CASE WHEN (EXCLUDED.field_versions ? 'name' AND COALESCE(ledger_vkey(t.field_versions -> ('name')) <= $4::jsonb, true)) THEN $4::jsonb END, 'landing_url', CASE WHEN (EXCLUDED.field_versions ? 'landing_url' AND COALESCE(ledger_vkey(t.field_versions -> ('landing_url')) <= $4::jsonb, true)) THEN $4::jsonb END)),
    snapshot_at = CASE WHEN $4::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_at ELSE t.snapshot_at END,
    snapshot_event_id = CASE WHEN $4::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_event_id ELSE t.snapshot_event_id END,
    snapshot_key = CASE WHEN $4::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN $4::jsonb ELSE ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) END,
    updated_at = now()
  RETURNING t.id
),
c_promoter AS (
  INSERT INTO promoter AS t (id, status, email, default_ref_id, first_name, last_name, profile, fp_created_at, name, cust_id, custom_fields, deleted, field_versions, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT r.id, r.status, r.email, r.default_ref_id, r.first_name, r.last_name, r.profile, r.fp_created_at, r.name, r.cust_id, r.custom_fields, COALESCE(r.deleted, false), jsonb_strip_nulls(jsonb_build_object('status', CASE WHEN (r.status IS NOT NULL OR r._nulls ? 'status') THEN $4::jsonb END, 'email', CASE WHEN (r.email IS NOT NULL OR r._nulls ? 'email') THEN $4::jsonb END, 'default_ref_id', CASE WHEN (r.default_ref_id IS NOT NULL OR r._nulls ? 'default_ref_id') THEN $4::jsonb END, 'first_name', CASE WHEN (r.first_name IS NOT NULL OR r._nulls ? 'first_name') THEN $4::jsonb END, 'last_name', CASE WHEN (r.last_name IS NOT NULL OR r._nulls ? 'last_name') THEN $4::jsonb END, 'fp_created_at', CASE WHEN (r.fp_created_at IS NOT NULL OR r._nulls ? 'fp_created_at') THEN $4::jsonb END, 'name', CASE WHEN (r.name IS NOT NULL OR r._nulls ? 'name') THEN $4::jsonb END, 'cust_id', CASE WHEN (r.cust_id IS NOT NULL OR r._nulls ? 'cust_id') THEN $4::jsonb END, 'deleted', CASE WHEN (r.deleted IS NOT NULL OR r._nulls ? 'deleted') THEN $4::jsonb END)) || COALESCE((SELECT jsonb_object_agg('profile.' || n.key, $4::jsonb) FROM jsonb_each(COALESCE(r.profile, '{}')) n ), '{}') || COALESCE((SELECT jsonb_object_agg('custom_fields.' || n.key, $4::jsonb) FROM jsonb_each(COALESCE(r.custom_fields, '{}')) n ), '{}'), ev.at, ev.seq, $4::jsonb
  FROM ev CROSS JOIN jsonb_to_recordset($5::jsonb -> 'promoters') AS r(id bigint, status text, email text, default_ref_id text, first_name text, last_name text, profile jsonb, fp_created_at timestamptz, name text, cust_id text, custom_fields jsonb, deleted boolean, _nulls jsonb)
  ON CONFLICT (id) DO UPDATE SET
    status = CASE WHEN (EXCLUDED.field_versions ? 'status' AND COALESCE(ledger_vkey(t.field_versions -> ('status')) <= $4::jsonb, true)) THEN EXCLUDED.status ELSE t.status END,
    email = CASE WHEN (EXCLUDED.field_versions ? 'email' AND COALESCE(ledger_vkey(t.field_versions -> ('email')) <= $4::jsonb, true)) THEN EXCLUDED.email ELSE t.email END,
    default_ref_id = CASE WHEN (EXCLUDED.field_versions ? 'default_ref_id' AND COALESCE(ledger_vkey(t.field_versions -> ('default_ref_id')) <= $4::jsonb, true)) THEN EXCLUDED.default_ref_id ELSE t.default_ref_id END,
    first_name = CASE WHEN (EXCLUDED.field_versions ? 'first_name' AND COALESCE(ledger_vkey(t.field_versions -> ('first_name')) <= $4::jsonb, true)) THEN EXCLUDED.first_name ELSE t.first_name END,
    last_name = CASE WHEN (EXCLUDED.field_versions ? 'last_name' AND COALESCE(ledger_vkey(t.field_versions -> ('last_name')) <= $4::jsonb, true)) THEN EXCLUDED.last_name ELSE t.last_name END,
    profile = CASE WHEN EXCLUDED.profile IS NULL THEN t.profile ELSE (
      SELECT jsonb_object_agg(m.key, m.value) FROM (
        SELECT o.key, o.value FROM jsonb_each(COALESCE(t.profile, '{}')) o
        WHERE NOT (EXCLUDED.profile ? o.key AND COALESCE(ledger_vkey(t.field_versions -> ('profile.' || o.key)) <= $4::jsonb, true))
        UNION ALL
        SELECT n.key, n.value FROM jsonb_each(EXCLUDED.profile) n WHERE COALESCE(ledger_vkey(t.field_versions -> ('profile.' || n.key)) <= $4::jsonb, true)
      ) m) END,
    fp_created_at = CASE WHEN (EXCLUDED.field_versions ? 'fp_created_at' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_created_at')) <= $4::jsonb, true)) THEN EXCLUDED.fp_created_at ELSE t.fp_created_at END,
    name = CASE WHEN (EXCLUDED.field_versions ? 'name' AND COALESCE(ledger_vkey(t.field_versions -> ('name')) <= $4::jsonb, true)) THEN EXCLUDED.name ELSE t.name END,
    cust_id = CASE WHEN (EXCLUDED.field_versions ? 'cust_id' AND COALESCE(ledger_vkey(t.field_versions -> ('cust_id')) <= $4::jsonb, true)) THEN EXCLUDED.cust_id ELSE t.cust_id END,
    custom_fields = CASE WHEN EXCLUDED.custom_fields IS NULL THEN t.custom_fields ELSE (
      SELECT jsonb_object_agg(m.key, m.value) FROM (
        SELECT o.key, o.value FROM jsonb_each(COALESCE(t.custom_fields, '{}')) o
        WHERE NOT (EXCLUDED.custom_fields ? o.key AND COALESCE(ledger_vkey(t.field_versions -> ('custom_fields.' || o.key)) <= $4::jsonb, true))
        UNION ALL
        SELECT n.key, n.value FROM jsonb_each(EXCLUDED.custom_fields) n WHERE COALESCE(ledger_vkey(t.field_versions -> ('custom_fields.' || n.key)) <= $4::jsonb, true)
      ) m) END,
    deleted = CASE WHEN (EXCLUDED.field_versions ? 'deleted' AND COALESCE(ledger_vkey(t.field_versions -> ('deleted')) <= $4::jsonb, true)) THEN EXCLUDED.deleted ELSE t.deleted END,
    field_versions = t.field_versions || jsonb_strip_nulls(jsonb_build_object('status', CASE WHEN (EXCLUDED.field_versions ? 'status' AND COALESCE(ledger_vkey(t.field_versions -> ('status')) <= $4::jsonb, true)) THEN $4::jsonb END, 'email', CASE WHEN (EXCLUDED.field_versions ? 'email' AND COALESCE(ledger_vkey(t.field_versions -> ('email')) <= $4::jsonb, true)) THEN $4::jsonb END, 'default_ref_id', CASE WHEN (EXCLUDED.field_versions ? 'default_ref_id' AND COALESCE(ledger_vkey(t.field_versions -> ('default_ref_id')) <= $4::jsonb, true)) THEN $4::jsonb END, 'first_name', CASE WHEN (EXCLUDED.field_versions ? 'first_name' AND COALESCE(ledger_vkey(t.field_versions -> ('first_name')) <= $4::jsonb, true)) THEN $4::jsonb END, 'last_name', CASE WHEN (EXCLUDED.field_versions ? 'last_name' AND COALESCE(ledger_vkey(t.field_versions -> ('last_name')) <= $4::jsonb, true)) THEN $4::jsonb END, 'fp_created_at', CASE WHEN (EXCLUDED.field_versions ? 'fp_created_at' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_created_at')) <= $4::jsonb, true)) THEN $4::jsonb END, 'name', CASE WHEN (EXCLUDED.field_versions ? 'name' AND COALESCE(ledger_vkey(t.field_versions -> ('name')) <= $4::jsonb, true)) THEN $4::jsonb END, 'cust_id', CASE WHEN (EXCLUDED.field_versions ? 'cust_id' AND COALESCE(ledger_vkey(t.field_versions -> ('cust_id')) <= $4::jsonb, true)) THEN $4::jsonb END, 'deleted', CASE WHEN (EXCLUDED.field_versions ? 'deleted' AND COALESCE(ledger_vkey(t.field_versions -> ('deleted')) <= $4::jsonb, true)) THEN $4::jsonb END)) || COALESCE((SELECT jsonb_object_agg('profile.' || n.key, $4::jsonb) FROM jsonb_each(COALESCE(EXCLUDED.profile, '{}')) n WHERE COALESCE(ledger_vkey(t.field_versions -> ('profile.' || n.key)) <= $4::jsonb, true)), '{}') || COALESCE((SELECT jsonb_object_agg('custom_fields.' || n.key, $4::jsonb) FROM jsonb_each(COALESCE(EXCLUDED.custom_fields, '{}')) n WHERE COALESCE(ledger_vkey(t.field_versions -> ('custom_fields.' || n.key)) <= $4::jsonb, true)), '{}'),
    snapshot_at = CASE WHEN $4::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_at ELSE t.snapshot_at END,
    snapshot_event_id = CASE WHEN $4::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_event_id ELSE t.snapshot_event_id END,
    snapshot_key = CASE WHEN $4::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN $4::jsonb ELSE ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) END,
    updated_at = now()
  RETURNING t.id
),
c_promotion AS (
  INSERT INTO promotion AS t (id, promoter_id, campaign_id, status, ref_id, referral_link, current_referral_reward, state, deleted, field_versions, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT r.id, r.promoter_id, r.campaign_id, r.status, r.ref_id, r.referral_link, r.current_referral_reward, r.state, COALESCE(r.deleted, false), jsonb_strip_nulls(jsonb_build_object('promoter_id', CASE WHEN (r.promoter_id IS NOT NULL OR r._nulls ? 'promoter_id') THEN $4::jsonb END, 'campaign_id', CASE WHEN (r.campaign_id IS NOT NULL OR r._nulls ? 'campaign_id') THEN $4::jsonb END, 'status', CASE WHEN (r.status IS NOT NULL OR r._nulls ? 'status') THEN $4::jsonb END, 'ref_id', CASE WHEN (r.ref_id IS NOT NULL OR r._nulls ? 'ref_id') THEN $4::jsonb END, 'referral_link', CASE WHEN (r.referral_link IS NOT NULL OR r._nulls ? 'referral_link') THEN $4::jsonb END, 'current_referral_reward', CASE WHEN (r.current_referral_reward IS NOT NULL OR r._nulls ? 'current_referral_reward') THEN $4::jsonb END, 'state', CASE WHEN (r.state IS NOT NULL OR r._nulls ? 'state') THEN $4::jsonb END, 'deleted', CASE WHEN (r.deleted IS NOT NULL OR r._nulls ? 'deleted') THEN $4::jsonb END)), ev.at, ev.seq, $4::jsonb
  FROM ev CROSS JOIN jsonb_to_recordset($5::jsonb -> 'promotions') AS r(id bigint, promoter_id bigint, campaign_id bigint, status text, ref_id text, referral_link text, current_referral_reward jsonb, state text, deleted boolean, _nulls jsonb)
  ON CONFLICT (id) DO UPDATE SET
    promoter_id = CASE WHEN (EXCLUDED.field_versions ? 'promoter_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promoter_id')) <= $4::jsonb, true)) THEN EXCLUDED.promoter_id ELSE t.promoter_id END,
    campaign_id = CASE WHEN (EXCLUDED.field_versions ? 'campaign_id' AND COALESCE(ledger_vkey(t.field_versions -> ('campaign_id')) <= $4::jsonb, true)) THEN EXCLUDED.campaign_id ELSE t.campaign_id END,
    status = CASE WHEN (EXCLUDED.field_versions ? 'status' AND COALESCE(ledger_vkey(t.field_versions -> ('status')) <= $4::jsonb, true)) THEN EXCLUDED.status ELSE t.status END,
    ref_id = CASE WHEN (EXCLUDED.field_versions ? 'ref_id' AND COALESCE(ledger_vkey(t.field_versions -> ('ref_id')) <= $4::jsonb, true)) THEN EXCLUDED.ref_id ELSE t.ref_id END,
    referral_link = CASE WHEN (EXCLUDED.field_versions ? 'referral_link' AND COALESCE(ledger_vkey(t.field_versions -> ('referral_link')) <= $4::jsonb, true)) THEN EXCLUDED.referral_link ELSE t.referral_link END,
    current_referral_reward = CASE WHEN (EXCLUDED.field_versions ? 'current_referral_reward' AND COALESCE(ledger_vkey(t.field_versions -> ('current_referral_reward')) <= $4::jsonb, true)) THEN EXCLUDED.current_referral_reward ELSE t.current_referral_reward END,
    state = CASE WHEN (EXCLUDED.field_versions ? 'state' AND COALESCE(ledger_vkey(t.field_versions -> ('state')) <= $4::jsonb, true)) THEN EXCLUDED.state ELSE t.state END,
    deleted = CASE WHEN (EXCLUDED.field_versions ? 'deleted' AND COALESCE(ledger_vkey(t.field_versions -> ('deleted')) <= $4::jsonb, true)) THEN EXCLUDED.deleted ELSE t.deleted END,
    field_versions = t.field_versions || jsonb_strip_nulls(jsonb_build_object('promoter_id', CASE WHEN (EXCLUDED.field_versions ? 'promoter_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promoter_id')) <= $4::jsonb, true)) THEN $4::jsonb END, 'campaign_id', CASE WHEN (EXCLUDED.field_versions ? 'campaign_id' AND COALESCE(ledger_vkey(t.field_versions -> ('campaign_id')) <= $4::jsonb, true)) THEN $4::jsonb END, 'status', CASE WHEN (EXCLUDED.field_versions ? 'status' AND COALESCE(ledger_vkey(t.field_versions -> ('status')) <= $4::jsonb, true)) THEN $4::jsonb END, 'ref_id', CASE WHEN (EXCLUDED.field_versions ? 'ref_id' AND COALESCE(ledger_vkey(t.field_versions -> ('ref_id')) <= $4::jsonb, true)) THEN $4::jsonb END, 'referral_link', CASE WHEN (EXCLUDED.field_versions ? 'referral_link' AND COALESCE(ledger_vkey(t.field_versions -> ('referral_link')) <= $4::jsonb, true)) THEN $4::jsonb END, 'current_referral_reward', CASE WHEN (EXCLUDED.field_versions ? 'current_referral_reward' AND COALESCE(ledger_vkey(t.field_versions -> ('current_referral_reward')) <= $4::jsonb, true)) THEN $4::jsonb END, 'state', CASE WHEN (EXCLUDED.field_versions ? 'state' AND COALESCE(ledger_vkey(t.field_versions -> ('state')) <= $4::jsonb, true)) THEN $4::jsonb END, 'deleted', CASE WHEN (EXCLUDED.field_versions ? 'deleted' AND COALESCE(ledger_vkey(t.field_versions -> ('deleted')) <= $4::jsonb, true)) THEN $4::jsonb END)),
    snapshot_at = CASE WHEN $4::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_at ELSE t.snapshot_at END,
    snapshot_event_id = CASE WHEN $4::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_event_id ELSE t.snapshot_event_id END,
    snapshot_key = CASE WHEN $4::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN $4::jsonb ELSE ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) END,
    updated_at = now()
  RETURNING t.id
),
c_lead AS (
  INSERT INTO lead AS t (id, state, suspicion, email, uid, username, website, plan_name, customer_since, cancelled_at, custom_fields, split_promotion_id, fp_created_at, promoter_id, promotion_id, deleted, field_versions, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT r.id, r.state, r.suspicion, r.email, r.uid, r.username, r.website, r.plan_name, r.customer_since, r.cancelled_at, r.custom_fields, r.split_promotion_id, r.fp_created_at, r.promoter_id, r.promotion_id, COALESCE(r.deleted, false), jsonb_strip_nulls(jsonb_build_object('state', CASE WHEN (r.state IS NOT NULL OR r._nulls ? 'state') THEN $4::jsonb END, 'suspicion', CASE WHEN (r.suspicion IS NOT NULL OR r._nulls ? 'suspicion') THEN $4::jsonb END, 'email', CASE WHEN (r.email IS NOT NULL OR r._nulls ? 'email') THEN $4::jsonb END, 'uid', CASE WHEN (r.uid IS NOT NULL OR r._nulls ? 'uid') THEN $4::jsonb END, 'username', CASE WHEN (r.username IS NOT NULL OR r._nulls ? 'username') THEN $4::jsonb END, 'website', CASE WHEN (r.website IS NOT NULL OR r._nulls ? 'website') THEN $4::jsonb END, 'plan_name', CASE WHEN (r.plan_name IS NOT NULL OR r._nulls ? 'plan_name') THEN $4::jsonb END, 'customer_since', CASE WHEN (r.customer_since IS NOT NULL OR r._nulls ? 'customer_since') THEN $4::jsonb END, 'cancelled_at', CASE WHEN (r.cancelled_at IS NOT NULL OR r._nulls ? 'cancelled_at') THEN $4::jsonb END, 'split_promotion_id', CASE WHEN (r.split_promotion_id IS NOT NULL OR r._nulls ? 'split_promotion_id') THEN $4::jsonb END, 'fp_created_at', CASE WHEN (r.fp_created_at IS NOT NULL OR r._nulls ? 'fp_created_at') THEN $4::jsonb END, 'promoter_id', CASE WHEN (r.promoter_id IS NOT NULL OR r._nulls ? 'promoter_id') THEN $4::jsonb END, 'promotion_id', CASE WHEN (r.promotion_id IS NOT NULL OR r._nulls ? 'promotion_id') THEN $4::jsonb END, 'deleted', CASE WHEN (r.deleted IS NOT NULL OR r._nulls ? 'deleted') THEN $4::jsonb END)) || COALESCE((SELECT jsonb_object_agg('custom_fields.' || n.key, $4::jsonb) FROM jsonb_each(COALESCE(r.custom_fields, '{}')) n ), '{}'), ev.at, ev.seq, $4::jsonb
  FROM ev CROSS JOIN jsonb_to_recordset($5::jsonb -> 'leads') AS r(id bigint, state text, suspicion text, email text, uid text, username text, website text, plan_name text, customer_since timestamptz, cancelled_at timestamptz, custom_fields jsonb, split_promotion_id bigint, fp_created_at timestamptz, promoter_id bigint, promotion_id bigint, deleted boolean, _nulls jsonb)
  ON CONFLICT (id) DO UPDATE SET
    state = CASE WHEN (EXCLUDED.field_versions ? 'state' AND COALESCE(ledger_vkey(t.field_versions -> ('state')) <= $4::jsonb, true)) THEN EXCLUDED.state ELSE t.state END,
    suspicion = CASE WHEN (EXCLUDED.field_versions ? 'suspicion' AND COALESCE(ledger_vkey(t.field_versions -> ('suspicion')) <= $4::jsonb, true)) THEN EXCLUDED.suspicion ELSE t.suspicion END,
    email = CASE WHEN (EXCLUDED.field_versions ? 'email' AND COALESCE(ledger_vkey(t.field_versions -> ('email')) <= $4::jsonb, true)) THEN EXCLUDED.email ELSE t.email END,
    uid = CASE WHEN (EXCLUDED.field_versions ? 'uid' AND COALESCE(ledger_vkey(t.field_versions -> ('uid')) <= $4::jsonb, true)) THEN EXCLUDED.uid ELSE t.uid END,
    username = CASE WHEN (EXCLUDED.field_versions ? 'username' AND COALESCE(ledger_vkey(t.field_versions -> ('username')) <= $4::jsonb, true)) THEN EXCLUDED.username ELSE t.username END,
    website = CASE WHEN (EXCLUDED.field_versions ? 'website' AND COALESCE(ledger_vkey(t.field_versions -> ('website')) <= $4::jsonb, true)) THEN EXCLUDED.website ELSE t.website END,
    plan_name = CASE WHEN (EXCLUDED.field_versions ? 'plan_name' AND COALESCE(ledger_vkey(t.field_versions -> ('plan_name')) <= $4::jsonb, true)) THEN EXCLUDED.plan_name ELSE t.plan_name END,
    customer_since = CASE WHEN (EXCLUDED.field_versions ? 'customer_since' AND COALESCE(ledger_vkey(t.field_versions -> ('customer_since')) <= $4::jsonb, true)) THEN EXCLUDED.customer_since ELSE t.customer_since END,
    cancelled_at = CASE WHEN (EXCLUDED.field_versions ? 'cancelled_at' AND COALESCE(ledger_vkey(t.field_versions -> ('cancelled_at')) <= $4::jsonb, true)) THEN EXCLUDED.cancelled_at ELSE t.cancelled_at END,
    custom_fields = CASE WHEN EXCLUDED.custom_fields IS NULL THEN t.custom_fields ELSE (
      SELECT jsonb_object_agg(m.key, m.value) FROM (
        SELECT o.key, o.value FROM jsonb_each(COALESCE(t.custom_fields, '{}')) o
        WHERE NOT (EXCLUDED.custom_fields ? o.key AND COALESCE(ledger_vkey(t.field_versions -> ('custom_fields.' || o.key)) <= $4::jsonb, true))
        UNION ALL
        SELECT n.key, n.value FROM jsonb_each(EXCLUDED.custom_fields) n WHERE COALESCE(ledger_vkey(t.field_versions -> ('custom_fields.' || n.key)) <= $4::jsonb, true)
      ) m) END,
    split_promotion_id = CASE WHEN (EXCLUDED.field_versions ? 'split_promotion_id' AND COALESCE(ledger_vkey(t.field_versions -> ('split_promotion_id')) <= $4::jsonb, true)) THEN EXCLUDED.split_promotion_id ELSE t.split_promotion_id END,
    fp_created_at = CASE WHEN (EXCLUDED.field_versions ? 'fp_created_at' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_created_at')) <= $4::jsonb, true)) THEN EXCLUDED.fp_created_at ELSE t.fp_created_at END,
    promoter_id = CASE WHEN (EXCLUDED.field_versions ? 'promoter_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promoter_id')) <= $4::jsonb, true)) THEN EXCLUDED.promoter_id ELSE t.promoter_id END,
    promotion_id = CASE WHEN (EXCLUDED.field_versions ? 'promotion_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promotion_id')) <= $4::jsonb, true)) THEN EXCLUDED.promotion_id ELSE t.promotion_id END,
    deleted = CASE WHEN (EXCLUDED.field_versions ? 'deleted' AND COALESCE(ledger_vkey(t.field_versions -> ('deleted')) <= $4::jsonb, true)) THEN EXCLUDED.deleted ELSE t.deleted END,
    field_versions = t.field_versions || jsonb_strip_nulls(jsonb_build_object('state', CASE WHEN (EXCLUDED.field_versions ? 'state' AND COALESCE(ledger_vkey(t.field_versions -> ('state')) <= $4::jsonb, true)) THEN $4::jsonb END, 'suspicion', CASE WHEN (EXCLUDED.field_versions ? 'suspicion' AND COALESCE(ledger_vkey(t.field_versions -> ('suspicion')) <= $4::jsonb, true)) THEN $4::jsonb END, 'email', CASE WHEN (EXCLUDED.field_versions ? 'email' AND COALESCE(ledger_vkey(t.field_versions -> ('email')) <= $4::jsonb, true)) THEN $4::jsonb END, 'uid', CASE WHEN (EXCLUDED.field_versions ? 'uid' AND COALESCE(ledger_vkey(t.field_versions -> ('uid')) <= $4::jsonb, true)) THEN $4::jsonb END, 'username', CASE WHEN (EXCLUDED.field_versions ? 'username' AND COALESCE(ledger_vkey(t.field_versions -> ('username')) <= $4::jsonb, true)) THEN $4::jsonb END, 'website', CASE WHEN (EXCLUDED.field_versions ? 'website' AND COALESCE(ledger_vkey(t.field_versions -> ('website')) <= $4::jsonb, true)) THEN $4::jsonb END, 'plan_name', CASE WHEN (EXCLUDED.field_versions ? 'plan_name' AND COALESCE(ledger_vkey(t.field_versions -> ('plan_name')) <= $4::jsonb, true)) THEN $4::jsonb END, 'customer_since', CASE WHEN (EXCLUDED.field_versions ? 'customer_since' AND COALESCE(ledger_vkey(t.field_versions -> ('customer_since')) <= $4::jsonb, true)) THEN $4::jsonb END, 'cancelled_at', CASE WHEN (EXCLUDED.field_versions ? 'cancelled_at' AND COALESCE(ledger_vkey(t.field_versions -> ('cancelled_at')) <= $4::jsonb, true)) THEN $4::jsonb END, 'split_promotion_id', CASE WHEN (EXCLUDED.field_versions ? 'split_promotion_id' AND COALESCE(ledger_vkey(t.field_versions -> ('split_promotion_id')) <= $4::jsonb, true)) THEN $4::jsonb END, 'fp_created_at', CASE WHEN (EXCLUDED.field_versions ? 'fp_created_at' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_created_at')) <= $4::jsonb, true)) THEN $4::jsonb END, 'promoter_id', CASE WHEN (EXCLUDED.field_versions ? 'promoter_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promoter_id')) <= $4::jsonb, true)) THEN $4::jsonb END, 'promotion_id', CASE WHEN (EXCLUDED.field_versions ? 'promotion_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promotion_id')) <= $4::jsonb, true)) THEN $4::jsonb END, 'deleted', CASE WHEN (EXCLUDED.field_versions ? 'deleted' AND COALESCE(ledger_vkey(t.field_versions -> ('deleted')) <= $4::jsonb, true)) THEN $4::jsonb END)) || COALESCE((SELECT jsonb_object_agg('custom_fields.' || n.key, $4::jsonb) FROM jsonb_each(COALESCE(EXCLUDED.custom_fields, '{}')) n WHERE COALESCE(ledger_vkey(t.field_versions -> ('custom_fields.' || n.key)) <= $4::jsonb, true)), '{}'),
    snapshot_at = CASE WHEN $4::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_at ELSE t.snapshot_at END,
    snapshot_event_id = CASE WHEN $4::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_event_id ELSE t.snapshot_event_id END,
    snapshot_key = CASE WHEN $4::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN $4::jsonb ELSE ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) END,
    updated_at = now()
  RETURNING t.id
),
c_reward AS (
  INSERT INTO reward AS t (id, status, amount, unit, conversion_amount, tier_level, split_type, fp_event_id, fp_created_at, lead_id, promoter_id, promotion_id, is_paid, status_updated_at, deleted, field_versions, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT r.id, r.status, r.amount, r.unit, r.conversion_amount, r.tier_level, r.split_type, r.fp_event_id, r.fp_created_at, r.lead_id, r.promoter_id, r.promotion_id, r.is_paid, r.status_updated_at, COALESCE(r.deleted, false), jsonb_strip_nulls(jsonb_build_object('status', CASE WHEN (r.status IS NOT NULL OR r._nulls ? 'status') THEN $4::jsonb END, 'amount', CASE WHEN (r.amount IS NOT NULL OR r._nulls ? 'amount') THEN $4::jsonb END, 'unit', CASE WHEN (r.unit IS NOT NULL OR r._nulls ? 'unit') THEN $4::jsonb END, 'conversion_amount', CASE WHEN (r.conversion_amount IS NOT NULL OR r._nulls ? 'conversion_amount') THEN $4::jsonb END, 'tier_level', CASE WHEN (r.tier_level IS NOT NULL OR r._nulls ? 'tier_level') THEN $4::jsonb END, 'split_type', CASE WHEN (r.split_type IS NOT NULL OR r._nulls ? 'split_type') THEN $4::jsonb END, 'fp_event_id', CASE WHEN (r.fp_event_id IS NOT NULL OR r._nulls ? 'fp_event_id') THEN $4::jsonb END, 'fp_created_at', CASE WHEN (r.fp_created_at IS NOT NULL OR r._nulls ? 'fp_created_at') THEN $4::jsonb END, 'lead_id', CASE WHEN (r.lead_id IS NOT NULL OR r._nulls ? 'lead_id') THEN $4::jsonb END, 'promoter_id', CASE WHEN (r.promoter_id IS NOT NULL OR r._nulls ? 'promoter_id') THEN $4::jsonb END, 'promotion_id', CASE WHEN (r.promotion_id IS NOT NULL OR r._nulls ? 'promotion_id') THEN $4::jsonb END, 'is_paid', CASE WHEN (r.is_paid IS NOT NULL OR r._nulls ? 'is_paid') THEN $4::jsonb END, 'status_updated_at', CASE WHEN (r.status_updated_at IS NOT NULL OR r._nulls ? 'status_updated_at') THEN $4::jsonb END, 'deleted', CASE WHEN (r.deleted IS NOT NULL OR r._nulls ? 'deleted') THEN $4::jsonb END)), ev.at, ev.seq, $4::jsonb
  FROM ev CROSS JOIN jsonb_to_recordset($5::jsonb -> 'rewards') AS r(id bigint, status text, amount numeric, unit text, conversion_amount numeric, tier_level integer, split_type text, fp_event_id bigint, fp_created_at timestamptz, lead_id bigint, promoter_id bigint, promotion_id bigint, is_paid boolean, status_updated_at timestamptz, deleted boolean, _nulls jsonb)
  ON CONFLICT (id) DO UPDATE SET
    status = CASE WHEN (EXCLUDED.field_versions ? 'status' AND COALESCE(ledger_vkey(t.field_versions -> ('status')) <= $4::jsonb, true)) THEN EXCLUDED.status ELSE t.status END,
    amount = CASE WHEN (EXCLUDED.field_versions ? 'amount' AND COALESCE(ledger_vkey(t.field_versions -> ('amount')) <= $4::jsonb, true)) THEN EXCLUDED.amount ELSE t.amount END,
    unit = CASE WHEN (EXCLUDED.field_versions ? 'unit' AND COALESCE(ledger_vkey(t.field_versions -> ('unit')) <= $4::jsonb, true)) THEN EXCLUDED.unit ELSE t.unit END,
    conversion_amount = CASE WHEN (EXCLUDED.field_versions ? 'conversion_amount' AND COALESCE(ledger_vkey(t.field_versions -> ('conversion_amount')) <= $4::jsonb, true)) THEN EXCLUDED.conversion_amount ELSE t.conversion_amount END,
    tier_level = CASE WHEN (EXCLUDED.field_versions ? 'tier_level' AND COALESCE(ledger_vkey(t.field_versions -> ('tier_level')) <= $4::jsonb, true)) THEN EXCLUDED.tier_level ELSE t.tier_level END,
    split_type = CASE WHEN (EXCLUDED.field_versions ? 'split_type' AND COALESCE(ledger_vkey(t.field_versions -> ('split_type')) <= $4::jsonb, true)) THEN EXCLUDED.split_type ELSE t.split_type END,
    fp_event_id = CASE WHEN (EXCLUDED.field_versions ? 'fp_event_id' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_event_id')) <= $4::jsonb, true)) THEN EXCLUDED.fp_event_id ELSE t.fp_event_id END,
    fp_created_at = CASE WHEN (EXCLUDED.field_versions ? 'fp_created_at' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_created_at')) <= $4::jsonb, true)) THEN EXCLUDED.fp_created_at ELSE t.fp_created_at END,
    lead_id = CASE WHEN (EXCLUDED.field_versions ? 'lead_id' AND COALESCE(ledger_vkey(t.field_versions -> ('lead_id')) <= $4::jsonb, true)) THEN EXCLUDED.lead_id ELSE t.lead_id END,
    promoter_id = CASE WHEN (EXCLUDED.field_versions ? 'promoter_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promoter_id')) <= $4::jsonb, true)) THEN EXCLUDED.promoter_id ELSE t.promoter_id END,
    promotion_id = CASE WHEN (EXCLUDED.field_versions ? 'promotion_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promotion_id')) <= $4::jsonb, true)) THEN EXCLUDED.promotion_id ELSE t.promotion_id END,
    is_paid = CASE WHEN (EXCLUDED.field_versions ? 'is_paid' AND COALESCE(ledger_vkey(t.field_versions -> ('is_paid')) <= $4::jsonb, true)) THEN EXCLUDED.is_paid ELSE t.is_paid END,
    status_updated_at = CASE WHEN (EXCLUDED.field_versions ? 'status_updated_at' AND COALESCE(ledger_vkey(t.field_versions -> ('status_updated_at')) <= $4::jsonb, true)) THEN EXCLUDED.status_updated_at ELSE t.status_updated_at END,
    deleted = CASE WHEN (EXCLUDED.field_versions ? 'deleted' AND COALESCE(ledger_vkey(t.field_versions -> ('deleted')) <= $4::jsonb, true)) THEN EXCLUDED.deleted ELSE t.deleted END,
    field_versions = t.field_versions || jsonb_strip_nulls(jsonb_build_object('status', CASE WHEN (EXCLUDED.field_versions ? 'status' AND COALESCE(ledger_vkey(t.field_versions -> ('status')) <= $4::jsonb, true)) THEN $4::jsonb END, 'amount', CASE WHEN (EXCLUDED.field_versions ? 'amount' AND COALESCE(ledger_vkey(t.field_versions -> ('amount')) <= $4::jsonb, true)) THEN $4::jsonb END, 'unit', CASE WHEN (EXCLUDED.field_versions ? 'unit' AND COALESCE(ledger_vkey(t.field_versions -> ('unit')) <= $4::jsonb, true)) THEN $4::jsonb END, 'conversion_amount', CASE WHEN (EXCLUDED.field_versions ? 'conversion_amount' AND COALESCE(ledger_vkey(t.field_versions -> ('conversion_amount')) <= $4::jsonb, true)) THEN $4::jsonb END, 'tier_level', CASE WHEN (EXCLUDED.field_versions ? 'tier_level' AND COALESCE(ledger_vkey(t.field_versions -> ('tier_level')) <= $4::jsonb, true)) THEN $4::jsonb END, 'split_type', CASE WHEN (EXCLUDED.field_versions ? 'split_type' AND COALESCE(ledger_vkey(t.field_versions -> ('split_type')) <= $4::jsonb, true)) THEN $4::jsonb END, 'fp_event_id', CASE WHEN (EXCLUDED.field_versions ? 'fp_event_id' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_event_id')) <= $4::jsonb, true)) THEN $4::jsonb END, 'fp_created_at', CASE WHEN (EXCLUDED.field_versions ? 'fp_created_at' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_created_at')) <= $4::jsonb, true)) THEN $4::jsonb END, 'lead_id', CASE WHEN (EXCLUDED.field_versions ? 'lead_id' AND COALESCE(ledger_vkey(t.field_versions -> ('lead_id')) <= $4::jsonb, true)) THEN $4::jsonb END, 'promoter_id', CASE WHEN (EXCLUDED.field_versions ? 'promoter_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promoter_id')) <= $4::jsonb, true)) THEN $4::jsonb END, 'promotion_id', CASE WHEN (EXCLUDED.field_versions ? 'promotion_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promotion_id')) <= $4::jsonb, true)) THEN $4::jsonb END, 'is_paid', CASE WHEN (EXCLUDED.field_versions ? 'is_paid' AND COALESCE(ledger_vkey(t.field_versions -> ('is_paid')) <= $4::jsonb, true)) THEN $4::jsonb END, 'status_updated_at', CASE WHEN (EXCLUDED.field_versions ? 'status_updated_at' AND COALESCE(ledger_vkey(t.field_versions -> ('status_updated_at')) <= $4::jsonb, true)) THEN $4::jsonb END, 'deleted', CASE WHEN (EXCLUDED.field_versions ? 'deleted' AND COALESCE(ledger_vkey(t.field_versions -> ('deleted')) <= $4::jsonb, true)) THEN $4::jsonb END)),
    snapshot_at = CASE WHEN $4::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_at ELSE t.snapshot_at END,
    snapshot_event_id = CASE WHEN $4::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_event_id ELSE t.snapshot_event_id END,
    snapshot_key = CASE WHEN $4::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN $4::jsonb ELSE ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) END,
    updated_at = now()
  RETURNING t.id, t.status, t.amount, t.unit, t.promoter_id, t.deleted
),
c_queue_in AS (
  SELECT r.id, r.status, r.amount, r.unit, r.promoter_id, r.deleted, q.campaign_id
  FROM c_reward r JOIN jsonb_to_recordset($5::jsonb -> 'commissionQueue') AS q(id bigint, campaign_id bigint) ON q.id = r.id
),
c_queue AS (
  INSERT INTO fulfilment AS f (id, format, amount, unit, promoter_id, campaign_id, field_versions, fp_outcome, fp_outcome_at, sync_state,
                               first_delivery_at, last_delivery_at, delivery_count, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT q.id, 'v2', q.amount, q.unit, q.promoter_id, q.campaign_id, '{}',
         CASE WHEN done.id IS NOT NULL THEN 'fulfilled' END, CASE WHEN done.id IS NOT NULL THEN now() END,
         (CASE WHEN done.id IS NOT NULL THEN 'fp_fulfilled' ELSE 'awaiting_review' END)::sync_state,
         $6::timestamptz, $6::timestamptz, 0, ev.at, ev.seq, $4::jsonb
  FROM c_queue_in q CROSS JOIN ev
  -- Approved after its payout completed (a late or reordered delivery): fulfilled in FirstPromoter already.
  LEFT JOIN LATERAL (
    SELECT pc.payout_id AS id FROM payout_commission pc JOIN payout p ON p.id = pc.payout_id
    WHERE pc.commission_id = q.id AND NOT pc.deleted AND NOT p.deleted AND p.status = 'completed' LIMIT 1
  ) done ON true
  WHERE q.status = 'approved' AND q.unit IN ('credits', 'points', 'free_months', 'mon_discount', 'discount_per') AND NOT q.deleted
  ON CONFLICT (id) DO UPDATE SET
    amount = COALESCE(EXCLUDED.amount, f.amount), unit = COALESCE(EXCLUDED.unit, f.unit),
    promoter_id = COALESCE(EXCLUDED.promoter_id, f.promoter_id), campaign_id = COALESCE(EXCLUDED.campaign_id, f.campaign_id),
    last_delivery_at = GREATEST(f.last_delivery_at, EXCLUDED.last_delivery_at), updated_at = now()
  RETURNING f.id
),
c_denied_cancel AS (
  UPDATE fp_command c SET state = 'cancelled', result = CASE WHEN q.deleted THEN 'deleted_in_firstpromoter' ELSE 'denied_in_firstpromoter' END, finished_at = now(), due_at = NULL
  FROM c_queue_in q
  WHERE (q.status = 'denied' OR q.deleted) AND c.fulfilment_id = q.id AND c.kind = 'mark_fulfilled' AND c.state IN ('scheduled', 'not_connected') AND c.attempts = 0
  RETURNING c.id, c.fulfilment_id, c.result
),
c_denied_audit AS (
  INSERT INTO audit_log (actor_id, actor_email, action, target_type, target_id, before, after)
  SELECT 'system:firstpromoter', 'FirstPromoter', CASE WHEN x.result = 'deleted_in_firstpromoter' THEN 'firstpromoter.deleted' ELSE 'firstpromoter.denied' END,
         'fulfilment', x.fulfilment_id::text,
         jsonb_build_object('command_id', x.id::text, 'kind', 'mark_fulfilled'), jsonb_build_object('state', 'cancelled', 'result', x.result)
  FROM c_denied_cancel x
  RETURNING 1
),
c_denied AS (
  UPDATE fulfilment f SET fp_outcome = CASE WHEN q.deleted THEN 'deleted' ELSE 'denied' END, fp_outcome_at = now(), updated_at = now(),
    sync_state = CASE WHEN (SELECT c.kind FROM fp_command c WHERE c.id = f.command_id) = 'deny' THEN f.sync_state ELSE 'fp_denied' END
  FROM c_queue_in q
  WHERE (q.status = 'denied' OR q.deleted) AND f.id = q.id AND f.fp_outcome IS DISTINCT FROM (CASE WHEN q.deleted THEN 'deleted' ELSE 'denied' END)
  RETURNING f.id
),
c_touched AS (
  INSERT INTO event_record (event_id, record_type, record_id)
  SELECT ev.id, r.record_type::record_type, r.record_id
  FROM ev CROSS JOIN jsonb_to_recordset($5::jsonb -> 'touched') AS r(record_type text, record_id bigint)
  ON CONFLICT DO NOTHING
  RETURNING event_id
)
SELECT (SELECT id FROM ev) AS event_id, NULL::text AS review_status
