-- v2 payout.commissions, live: writes reward, payout, payout_commission, payout_outcome
-- Prepared as ledger_ingest_1d20847d3dbaa271. Parameters:
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
c_reward AS (
  INSERT INTO reward AS t (id, status, amount, unit, conversion_amount, tier_level, split_type, fp_event_id, fp_created_at, lead_id, promoter_id, promotion_id, is_paid, status_updated_at, deleted, field_versions, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT r.id, r.status, r.amount, r.unit, r.conversion_amount, r.tier_level, r.split_type, r.fp_event_id, r.fp_created_at, r.lead_id, r.promoter_id, r.promotion_id, r.is_paid, r.status_updated_at, COALESCE(r.deleted, false), jsonb_strip_nulls(jsonb_build_object('status', CASE WHEN (r.status IS NOT NULL OR r._nulls ? 'status') THEN $9::jsonb END, 'amount', CASE WHEN (r.amount IS NOT NULL OR r._nulls ? 'amount') THEN $9::jsonb END, 'unit', CASE WHEN (r.unit IS NOT NULL OR r._nulls ? 'unit') THEN $9::jsonb END, 'conversion_amount', CASE WHEN (r.conversion_amount IS NOT NULL OR r._nulls ? 'conversion_amount') THEN $9::jsonb END, 'tier_level', CASE WHEN (r.tier_level IS NOT NULL OR r._nulls ? 'tier_level') THEN $9::jsonb END, 'split_type', CASE WHEN (r.split_type IS NOT NULL OR r._nulls ? 'split_type') THEN $9::jsonb END, 'fp_event_id', CASE WHEN (r.fp_event_id IS NOT NULL OR r._nulls ? 'fp_event_id') THEN $9::jsonb END, 'fp_created_at', CASE WHEN (r.fp_created_at IS NOT NULL OR r._nulls ? 'fp_created_at') THEN $9::jsonb END, 'lead_id', CASE WHEN (r.lead_id IS NOT NULL OR r._nulls ? 'lead_id') THEN $9::jsonb END, 'promoter_id', CASE WHEN (r.promoter_id IS NOT NULL OR r._nulls ? 'promoter_id') THEN $9::jsonb END, 'promotion_id', CASE WHEN (r.promotion_id IS NOT NULL OR r._nulls ? 'promotion_id') THEN $9::jsonb END, 'is_paid', CASE WHEN (r.is_paid IS NOT NULL OR r._nulls ? 'is_paid') THEN $9::jsonb END, 'status_updated_at', CASE WHEN (r.status_updated_at IS NOT NULL OR r._nulls ? 'status_updated_at') THEN $9::jsonb END, 'deleted', CASE WHEN (r.deleted IS NOT NULL OR r._nulls ? 'deleted') THEN $9::jsonb END)), ev.at, ev.seq, $9::jsonb
  FROM ev CROSS JOIN jsonb_to_recordset($10::jsonb -> 'rewards') AS r(id bigint, status text, amount numeric, unit text, conversion_amount numeric, tier_level integer, split_type text, fp_event_id bigint, fp_created_at timestamptz, lead_id bigint, promoter_id bigint, promotion_id bigint, is_paid boolean, status_updated_at timestamptz, deleted boolean, _nulls jsonb)
  ON CONFLICT (id) DO UPDATE SET
    status = CASE WHEN (EXCLUDED.field_versions ? 'status' AND COALESCE(ledger_vkey(t.field_versions -> ('status')) <= $9::jsonb, true)) THEN EXCLUDED.status ELSE t.status END,
    amount = CASE WHEN (EXCLUDED.field_versions ? 'amount' AND COALESCE(ledger_vkey(t.field_versions -> ('amount')) <= $9::jsonb, true)) THEN EXCLUDED.amount ELSE t.amount END,
    unit = CASE WHEN (EXCLUDED.field_versions ? 'unit' AND COALESCE(ledger_vkey(t.field_versions -> ('unit')) <= $9::jsonb, true)) THEN EXCLUDED.unit ELSE t.unit END,
    conversion_amount = CASE WHEN (EXCLUDED.field_versions ? 'conversion_amount' AND COALESCE(ledger_vkey(t.field_versions -> ('conversion_amount')) <= $9::jsonb, true)) THEN EXCLUDED.conversion_amount ELSE t.conversion_amount END,
    tier_level = CASE WHEN (EXCLUDED.field_versions ? 'tier_level' AND COALESCE(ledger_vkey(t.field_versions -> ('tier_level')) <= $9::jsonb, true)) THEN EXCLUDED.tier_level ELSE t.tier_level END,
    split_type = CASE WHEN (EXCLUDED.field_versions ? 'split_type' AND COALESCE(ledger_vkey(t.field_versions -> ('split_type')) <= $9::jsonb, true)) THEN EXCLUDED.split_type ELSE t.split_type END,
    fp_event_id = CASE WHEN (EXCLUDED.field_versions ? 'fp_event_id' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_event_id')) <= $9::jsonb, true)) THEN EXCLUDED.fp_event_id ELSE t.fp_event_id END,
    fp_created_at = CASE WHEN (EXCLUDED.field_versions ? 'fp_created_at' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_created_at')) <= $9::jsonb, true)) THEN EXCLUDED.fp_created_at ELSE t.fp_created_at END,
    lead_id = CASE WHEN (EXCLUDED.field_versions ? 'lead_id' AND COALESCE(ledger_vkey(t.field_versions -> ('lead_id')) <= $9::jsonb, true)) THEN EXCLUDED.lead_id ELSE t.lead_id END,
    promoter_id = CASE WHEN (EXCLUDED.field_versions ? 'promoter_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promoter_id')) <= $9::jsonb, true)) THEN EXCLUDED.promoter_id ELSE t.promoter_id END,
    promotion_id = CASE WHEN (EXCLUDED.field_versions ? 'promotion_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promotion_id')) <= $9::jsonb, true)) THEN EXCLUDED.promotion_id ELSE t.promotion_id END,
    is_paid = CASE WHEN (EXCLUDED.field_versions ? 'is_paid' AND COALESCE(ledger_vkey(t.field_versions -> ('is_paid')) <= $9::jsonb, true)) THEN EXCLUDED.is_paid ELSE t.is_paid END,
    status_updated_at = CASE WHEN (EXCLUDED.field_versions ? 'status_updated_at' AND COALESCE(ledger_vkey(t.field_versions -> ('status_updated_at')) <= $9::jsonb, true)) THEN EXCLUDED.status_updated_at ELSE t.status_updated_at END,
    deleted = CASE WHEN (EXCLUDED.field_versions ? 'deleted' AND COALESCE(ledger_vkey(t.field_versions -> ('deleted')) <= $9::jsonb, true)) THEN EXCLUDED.deleted ELSE t.deleted END,
    field_versions = t.field_versions || jsonb_strip_nulls(jsonb_build_object('status', CASE WHEN (EXCLUDED.field_versions ? 'status' AND COALESCE(ledger_vkey(t.field_versions -> ('status')) <= $9::jsonb, true)) THEN $9::jsonb END, 'amount', CASE WHEN (EXCLUDED.field_versions ? 'amount' AND COALESCE(ledger_vkey(t.field_versions -> ('amount')) <= $9::jsonb, true)) THEN $9::jsonb END, 'unit', CASE WHEN (EXCLUDED.field_versions ? 'unit' AND COALESCE(ledger_vkey(t.field_versions -> ('unit')) <= $9::jsonb, true)) THEN $9::jsonb END, 'conversion_amount', CASE WHEN (EXCLUDED.field_versions ? 'conversion_amount' AND COALESCE(ledger_vkey(t.field_versions -> ('conversion_amount')) <= $9::jsonb, true)) THEN $9::jsonb END, 'tier_level', CASE WHEN (EXCLUDED.field_versions ? 'tier_level' AND COALESCE(ledger_vkey(t.field_versions -> ('tier_level')) <= $9::jsonb, true)) THEN $9::jsonb END, 'split_type', CASE WHEN (EXCLUDED.field_versions ? 'split_type' AND COALESCE(ledger_vkey(t.field_versions -> ('split_type')) <= $9::jsonb, true)) THEN $9::jsonb END, 'fp_event_id', CASE WHEN (EXCLUDED.field_versions ? 'fp_event_id' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_event_id')) <= $9::jsonb, true)) THEN $9::jsonb END, 'fp_created_at', CASE WHEN (EXCLUDED.field_versions ? 'fp_created_at' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_created_at')) <= $9::jsonb, true)) THEN $9::jsonb END, 'lead_id', CASE WHEN (EXCLUDED.field_versions ? 'lead_id' AND COALESCE(ledger_vkey(t.field_versions -> ('lead_id')) <= $9::jsonb, true)) THEN $9::jsonb END, 'promoter_id', CASE WHEN (EXCLUDED.field_versions ? 'promoter_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promoter_id')) <= $9::jsonb, true)) THEN $9::jsonb END, 'promotion_id', CASE WHEN (EXCLUDED.field_versions ? 'promotion_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promotion_id')) <= $9::jsonb, true)) THEN $9::jsonb END, 'is_paid', CASE WHEN (EXCLUDED.field_versions ? 'is_paid' AND COALESCE(ledger_vkey(t.field_versions -> ('is_paid')) <= $9::jsonb, true)) THEN $9::jsonb END, 'status_updated_at', CASE WHEN (EXCLUDED.field_versions ? 'status_updated_at' AND COALESCE(ledger_vkey(t.field_versions -> ('status_updated_at')) <= $9::jsonb, true)) THEN $9::jsonb END, 'deleted', CASE WHEN (EXCLUDED.field_versions ? 'deleted' AND COALESCE(ledger_vkey(t.field_versions -> ('deleted')) <= $9::jsonb, true)) THEN $9::jsonb END)),
    snapshot_at = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_at ELSE t.snapshot_at END,
    snapshot_event_id = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_event_id ELSE t.snapshot_event_id END,
    snapshot_key = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN $9::jsonb ELSE ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) END,
    updated_at = now()
  RETURNING t.id, t.status, t.amount, t.unit, t.promoter_id, t.deleted
),
c_payout AS (
  INSERT INTO payout AS t (id, status, amount, unit, total_incl_tax, period_start, period_end, paid_at, failed_at, error, payments_batch_id, fp_created_at, promoter_id, campaign_id, deleted, field_versions, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT r.id, r.status, r.amount, r.unit, r.total_incl_tax, r.period_start, r.period_end, r.paid_at, r.failed_at, r.error, r.payments_batch_id, r.fp_created_at, r.promoter_id, r.campaign_id, COALESCE(r.deleted, false), jsonb_strip_nulls(jsonb_build_object('status', CASE WHEN (r.status IS NOT NULL OR r._nulls ? 'status') THEN $9::jsonb END, 'amount', CASE WHEN (r.amount IS NOT NULL OR r._nulls ? 'amount') THEN $9::jsonb END, 'unit', CASE WHEN (r.unit IS NOT NULL OR r._nulls ? 'unit') THEN $9::jsonb END, 'total_incl_tax', CASE WHEN (r.total_incl_tax IS NOT NULL OR r._nulls ? 'total_incl_tax') THEN $9::jsonb END, 'period_start', CASE WHEN (r.period_start IS NOT NULL OR r._nulls ? 'period_start') THEN $9::jsonb END, 'period_end', CASE WHEN (r.period_end IS NOT NULL OR r._nulls ? 'period_end') THEN $9::jsonb END, 'paid_at', CASE WHEN (r.paid_at IS NOT NULL OR r._nulls ? 'paid_at') THEN $9::jsonb END, 'failed_at', CASE WHEN (r.failed_at IS NOT NULL OR r._nulls ? 'failed_at') THEN $9::jsonb END, 'error', CASE WHEN (r.error IS NOT NULL OR r._nulls ? 'error') THEN $9::jsonb END, 'payments_batch_id', CASE WHEN (r.payments_batch_id IS NOT NULL OR r._nulls ? 'payments_batch_id') THEN $9::jsonb END, 'fp_created_at', CASE WHEN (r.fp_created_at IS NOT NULL OR r._nulls ? 'fp_created_at') THEN $9::jsonb END, 'promoter_id', CASE WHEN (r.promoter_id IS NOT NULL OR r._nulls ? 'promoter_id') THEN $9::jsonb END, 'campaign_id', CASE WHEN (r.campaign_id IS NOT NULL OR r._nulls ? 'campaign_id') THEN $9::jsonb END, 'deleted', CASE WHEN (r.deleted IS NOT NULL OR r._nulls ? 'deleted') THEN $9::jsonb END)), ev.at, ev.seq, $9::jsonb
  FROM ev CROSS JOIN jsonb_to_recordset($10::jsonb -> 'payouts') AS r(id bigint, status text, amount numeric, unit text, total_incl_tax numeric, period_start timestamptz, period_end timestamptz, paid_at timestamptz, failed_at timestamptz, error text, payments_batch_id bigint, fp_created_at timestamptz, promoter_id bigint, campaign_id bigint, deleted boolean, _nulls jsonb)
  ON CONFLICT (id) DO UPDATE SET
    status = CASE WHEN (EXCLUDED.field_versions ? 'status' AND COALESCE(ledger_vkey(t.field_versions -> ('status')) <= $9::jsonb, true)) THEN EXCLUDED.status ELSE t.status END,
    amount = CASE WHEN (EXCLUDED.field_versions ? 'amount' AND COALESCE(ledger_vkey(t.field_versions -> ('amount')) <= $9::jsonb, true)) THEN EXCLUDED.amount ELSE t.amount END,
    unit = CASE WHEN (EXCLUDED.field_versions ? 'unit' AND COALESCE(ledger_vkey(t.field_versions -> ('unit')) <= $9::jsonb, true)) THEN EXCLUDED.unit ELSE t.unit END,
    total_incl_tax = CASE WHEN (EXCLUDED.field_versions ? 'total_incl_tax' AND COALESCE(ledger_vkey(t.field_versions -> ('total_incl_tax')) <= $9::jsonb, true)) THEN EXCLUDED.total_incl_tax ELSE t.total_incl_tax END,
    period_start = CASE WHEN (EXCLUDED.field_versions ? 'period_start' AND COALESCE(ledger_vkey(t.field_versions -> ('period_start')) <= $9::jsonb, true)) THEN EXCLUDED.period_start ELSE t.period_start END,
    period_end = CASE WHEN (EXCLUDED.field_versions ? 'period_end' AND COALESCE(ledger_vkey(t.field_versions -> ('period_end')) <= $9::jsonb, true)) THEN EXCLUDED.period_end ELSE t.period_end END,
    paid_at = CASE WHEN (EXCLUDED.field_versions ? 'paid_at' AND COALESCE(ledger_vkey(t.field_versions -> ('paid_at')) <= $9::jsonb, true)) THEN EXCLUDED.paid_at ELSE t.paid_at END,
    failed_at = CASE WHEN (EXCLUDED.field_versions ? 'failed_at' AND COALESCE(ledger_vkey(t.field_versions -> ('failed_at')) <= $9::jsonb, true)) THEN EXCLUDED.failed_at ELSE t.failed_at END,
    error = CASE WHEN (EXCLUDED.field_versions ? 'error' AND COALESCE(ledger_vkey(t.field_versions -> ('error')) <= $9::jsonb, true)) THEN EXCLUDED.error ELSE t.error END,
    payments_batch_id = CASE WHEN (EXCLUDED.field_versions ? 'payments_batch_id' AND COALESCE(ledger_vkey(t.field_versions -> ('payments_batch_id')) <= $9::jsonb, true)) THEN EXCLUDED.payments_batch_id ELSE t.payments_batch_id END,
    fp_created_at = CASE WHEN (EXCLUDED.field_versions ? 'fp_created_at' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_created_at')) <= $9::jsonb, true)) THEN EXCLUDED.fp_created_at ELSE t.fp_created_at END,
    promoter_id = CASE WHEN (EXCLUDED.field_versions ? 'promoter_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promoter_id')) <= $9::jsonb, true)) THEN EXCLUDED.promoter_id ELSE t.promoter_id END,
    campaign_id = CASE WHEN (EXCLUDED.field_versions ? 'campaign_id' AND COALESCE(ledger_vkey(t.field_versions -> ('campaign_id')) <= $9::jsonb, true)) THEN EXCLUDED.campaign_id ELSE t.campaign_id END,
    deleted = CASE WHEN (EXCLUDED.field_versions ? 'deleted' AND COALESCE(ledger_vkey(t.field_versions -> ('deleted')) <= $9::jsonb, true)) THEN EXCLUDED.deleted ELSE t.deleted END,
    field_versions = t.field_versions || jsonb_strip_nulls(jsonb_build_object('status', CASE WHEN (EXCLUDED.field_versions ? 'status' AND COALESCE(ledger_vkey(t.field_versions -> ('status')) <= $9::jsonb, true)) THEN $9::jsonb END, 'amount', CASE WHEN (EXCLUDED.field_versions ? 'amount' AND COALESCE(ledger_vkey(t.field_versions -> ('amount')) <= $9::jsonb, true)) THEN $9::jsonb END, 'unit', CASE WHEN (EXCLUDED.field_versions ? 'unit' AND COALESCE(ledger_vkey(t.field_versions -> ('unit')) <= $9::jsonb, true)) THEN $9::jsonb END, 'total_incl_tax', CASE WHEN (EXCLUDED.field_versions ? 'total_incl_tax' AND COALESCE(ledger_vkey(t.field_versions -> ('total_incl_tax')) <= $9::jsonb, true)) THEN $9::jsonb END, 'period_start', CASE WHEN (EXCLUDED.field_versions ? 'period_start' AND COALESCE(ledger_vkey(t.field_versions -> ('period_start')) <= $9::jsonb, true)) THEN $9::jsonb END, 'period_end', CASE WHEN (EXCLUDED.field_versions ? 'period_end' AND COALESCE(ledger_vkey(t.field_versions -> ('period_end')) <= $9::jsonb, true)) THEN $9::jsonb END, 'paid_at', CASE WHEN (EXCLUDED.field_versions ? 'paid_at' AND COALESCE(ledger_vkey(t.field_versions -> ('paid_at')) <= $9::jsonb, true)) THEN $9::jsonb END, 'failed_at', CASE WHEN (EXCLUDED.field_versions ? 'failed_at' AND COALESCE(ledger_vkey(t.field_versions -> ('failed_at')) <= $9::jsonb, true)) THEN $9::jsonb END, 'error', CASE WHEN (EXCLUDED.field_versions ? 'error' AND COALESCE(ledger_vkey(t.field_versions -> ('error')) <= $9::jsonb, true)) THEN $9::jsonb END, 'payments_batch_id', CASE WHEN (EXCLUDED.field_versions ? 'payments_batch_id' AND COALESCE(ledger_vkey(t.field_versions -> ('payments_batch_id')) <= $9::jsonb, true)) THEN $9::jsonb END, 'fp_created_at', CASE WHEN (EXCLUDED.field_versions ? 'fp_created_at' AND COALESCE(ledger_vkey(t.field_versions -> ('fp_created_at')) <= $9::jsonb, true)) THEN $9::jsonb END, 'promoter_id', CASE WHEN (EXCLUDED.field_versions ? 'promoter_id' AND COALESCE(ledger_vkey(t.field_versions -> ('promoter_id')) <= $9::jsonb, true)) THEN $9::jsonb END, 'campaign_id', CASE WHEN (EXCLUDED.field_versions ? 'campaign_id' AND COALESCE(ledger_vkey(t.field_versions -> ('campaign_id')) <= $9::jsonb, true)) THEN $9::jsonb END, 'deleted', CASE WHEN (EXCLUDED.field_versions ? 'deleted' AND COALESCE(ledger_vkey(t.field_versions -> ('deleted')) <= $9::jsonb, true)) THEN $9::jsonb END)),
    snapshot_at = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_at ELSE t.snapshot_at END,
    snapshot_event_id = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_event_id ELSE t.snapshot_event_id END,
    snapshot_key = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN $9::jsonb ELSE ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) END,
    updated_at = now()
  RETURNING t.id, t.status, t.deleted
),
c_payout_commission AS (
  INSERT INTO payout_commission AS t (payout_id, commission_id, deleted, field_versions, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT r.payout_id, r.commission_id, COALESCE(r.deleted, false), jsonb_strip_nulls(jsonb_build_object('deleted', CASE WHEN (r.deleted IS NOT NULL OR r._nulls ? 'deleted') THEN $9::jsonb END)), ev.at, ev.seq, $9::jsonb
  FROM ev CROSS JOIN jsonb_to_recordset($10::jsonb -> 'payoutCommissions') AS r(payout_id bigint, commission_id bigint, deleted boolean, _nulls jsonb)
  ON CONFLICT (payout_id, commission_id) DO UPDATE SET
    deleted = CASE WHEN (EXCLUDED.field_versions ? 'deleted' AND COALESCE(ledger_vkey(t.field_versions -> ('deleted')) <= $9::jsonb, true)) THEN EXCLUDED.deleted ELSE t.deleted END,
    field_versions = t.field_versions || jsonb_strip_nulls(jsonb_build_object('deleted', CASE WHEN (EXCLUDED.field_versions ? 'deleted' AND COALESCE(ledger_vkey(t.field_versions -> ('deleted')) <= $9::jsonb, true)) THEN $9::jsonb END)),
    snapshot_at = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_at ELSE t.snapshot_at END,
    snapshot_event_id = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN EXCLUDED.snapshot_event_id ELSE t.snapshot_event_id END,
    snapshot_key = CASE WHEN $9::jsonb >= ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) THEN $9::jsonb ELSE ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id) END,
    updated_at = now()
  RETURNING t.payout_id, t.commission_id, t.deleted
),
c_outcome_ids AS (
  SELECT commission_id FROM c_payout_commission
  UNION
  SELECT pc.commission_id FROM payout_commission pc JOIN c_payout cp ON cp.id = pc.payout_id
),
c_outcome_links AS (
  SELECT l.commission_id, l.payout_id, l.deleted FROM c_payout_commission l
  UNION ALL
  SELECT pc.commission_id, pc.payout_id, pc.deleted FROM payout_commission pc JOIN c_outcome_ids i ON i.commission_id = pc.commission_id
    WHERE NOT EXISTS (SELECT 1 FROM c_payout_commission l WHERE l.payout_id = pc.payout_id AND l.commission_id = pc.commission_id)
),
c_outcome_in AS (
  SELECT l.commission_id, bool_or(NOT l.deleted AND NOT COALESCE(COALESCE((SELECT cp.deleted FROM c_payout cp WHERE cp.id = l.payout_id), p.deleted), false) AND COALESCE((SELECT cp.status FROM c_payout cp WHERE cp.id = l.payout_id), p.status) = 'completed') AS completed
  FROM c_outcome_links l LEFT JOIN payout p ON p.id = l.payout_id
  GROUP BY l.commission_id
),
c_outcome_confirm AS (
  UPDATE fp_command c SET state = 'confirmed', result = 'fulfilled', finished_at = now(), due_at = NULL, lease_until = NULL, lease_owner = NULL
  FROM c_outcome_in o JOIN fulfilment f ON f.id = o.commission_id
  WHERE o.completed AND c.id = f.command_id AND c.kind = 'mark_fulfilled' AND c.state IN ('not_connected', 'scheduled', 'in_flight', 'waiting')
  RETURNING c.fulfilment_id
),
c_outcome AS (
  UPDATE fulfilment f SET fp_outcome = CASE WHEN o.completed THEN 'fulfilled' END, fp_outcome_at = now(), updated_at = now(), undo_until = NULL,
    sync_state = CASE
      WHEN o.completed AND EXISTS (SELECT 1 FROM c_outcome_confirm x WHERE x.fulfilment_id = f.id) THEN 'confirmed'
      WHEN o.completed AND f.sync_state IN ('confirmed', 'answered_200') THEN f.sync_state
      WHEN o.completed AND (SELECT c.state FROM fp_command c WHERE c.id = f.command_id) IN ('not_connected', 'scheduled', 'in_flight', 'waiting') THEN f.sync_state
      WHEN o.completed THEN 'fp_fulfilled'
      WHEN f.sync_state = 'fp_fulfilled' THEN CASE f.review_status WHEN 'held' THEN 'held' WHEN 'pending' THEN 'awaiting_review' ELSE f.sync_state END
      ELSE f.sync_state END::sync_state
  FROM c_outcome_in o
  WHERE f.id = o.commission_id AND f.fp_outcome IS DISTINCT FROM 'denied' AND f.fp_outcome IS DISTINCT FROM 'deleted'
    AND f.fp_outcome IS DISTINCT FROM (CASE WHEN o.completed THEN 'fulfilled' END)
  RETURNING f.id
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
