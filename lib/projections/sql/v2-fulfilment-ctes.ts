// The v2 side of the fulfilments review queue, computed inside the ingest statement from the merged
// state after the upserts (never from the event alone), so arrival order cannot re-queue a denied
// commission or un-confirm a completed payout.
// - commissionQueueCte: an approved non-monetary commission (not deleted) is a queue row (one per
//   FirstPromoter id, whichever format brought it); a denied one leaves the queue as "denied in
//   FirstPromoter", and a send nothing was attempted for is cancelled (audited, FirstPromoter the actor).
// - payoutOutcomeCte: a commission whose linked payout completes is fulfilled in FirstPromoter (an open
//   mark_fulfilled is confirmed by it); one whose payouts no longer are completed is not.

/** Units FirstPromoter fulfils by hand: a commission in one of these has no payment provider behind it. */
export const NON_MONETARY_UNITS = ["credits", "points", "free_months", "mon_discount", "discount_per"];
const UNITS = NON_MONETARY_UNITS.map((u) => `'${u}'`).join(", ");
const OPEN = "'not_connected', 'scheduled', 'in_flight', 'waiting'";

export function commissionQueueCte(jsonKey: string, mode: "live" | "replay"): string {
  return `c_queue_in AS (
  SELECT r.id, r.status, r.amount, r.unit, r.promoter_id, r.deleted, q.campaign_id
  FROM c_reward r JOIN jsonb_to_recordset(:projection -> '${jsonKey}') AS q(id bigint, campaign_id bigint) ON q.id = r.id
),
c_queue AS (
  INSERT INTO fulfilment AS f (id, format, amount, unit, promoter_id, campaign_id, field_versions, fp_outcome, fp_outcome_at, sync_state,
                               first_delivery_at, last_delivery_at, delivery_count, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT q.id, 'v2', q.amount, q.unit, q.promoter_id, q.campaign_id, '{}',
         CASE WHEN done.id IS NOT NULL THEN 'fulfilled' END, CASE WHEN done.id IS NOT NULL THEN now() END,
         (CASE WHEN done.id IS NOT NULL THEN 'fp_fulfilled' ELSE 'awaiting_review' END)::sync_state,
         :received_at, :received_at, ${mode === "live" ? 1 : 0}, ev.at, ev.seq, :vkey
  FROM c_queue_in q CROSS JOIN ev
  -- Approved after its payout completed (a late or reordered delivery): fulfilled in FirstPromoter already.
  LEFT JOIN LATERAL (
    SELECT pc.payout_id AS id FROM payout_commission pc JOIN payout p ON p.id = pc.payout_id
    WHERE pc.commission_id = q.id AND NOT pc.deleted AND NOT p.deleted AND p.status = 'completed' LIMIT 1
  ) done ON true
  WHERE q.status = 'approved' AND q.unit IN (${UNITS}) AND NOT q.deleted
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
)`;
}

/**
 * Commissions whose payout link or payout changed in this statement, with whether any of their
 * payouts is completed now: every link of theirs as this statement leaves it (its own links from its
 * CTE, the others from the table), each payout's status likewise (the tables still show the state
 * before the statement).
 */
export function payoutOutcomeCte(present: { payout: boolean; link: boolean }): string {
  const ids = [
    present.link ? "SELECT commission_id FROM c_payout_commission" : null,
    present.payout ? "SELECT pc.commission_id FROM payout_commission pc JOIN c_payout cp ON cp.id = pc.payout_id" : null,
  ].filter(Boolean);
  const stored = `SELECT pc.commission_id, pc.payout_id, pc.deleted FROM payout_commission pc JOIN c_outcome_ids i ON i.commission_id = pc.commission_id${
    present.link ? "\n    WHERE NOT EXISTS (SELECT 1 FROM c_payout_commission l WHERE l.payout_id = pc.payout_id AND l.commission_id = pc.commission_id)" : ""
  }`;
  const links = [present.link ? "SELECT l.commission_id, l.payout_id, l.deleted FROM c_payout_commission l" : null, stored].filter(Boolean);
  const payoutStatus = present.payout ? `COALESCE((SELECT cp.status FROM c_payout cp WHERE cp.id = l.payout_id), p.status)` : "p.status";
  const payoutDeleted = present.payout ? `COALESCE((SELECT cp.deleted FROM c_payout cp WHERE cp.id = l.payout_id), p.deleted)` : "p.deleted";
  return `c_outcome_ids AS (
  ${ids.join("\n  UNION\n  ")}
),
c_outcome_links AS (
  ${links.join("\n  UNION ALL\n  ")}
),
c_outcome_in AS (
  SELECT l.commission_id, bool_or(NOT l.deleted AND NOT COALESCE(${payoutDeleted}, false) AND ${payoutStatus} = 'completed') AS completed
  FROM c_outcome_links l LEFT JOIN payout p ON p.id = l.payout_id
  GROUP BY l.commission_id
),
c_outcome_confirm AS (
  UPDATE fp_command c SET state = 'confirmed', result = 'fulfilled', finished_at = now(), due_at = NULL, lease_until = NULL, lease_owner = NULL
  FROM c_outcome_in o JOIN fulfilment f ON f.id = o.commission_id
  WHERE o.completed AND c.id = f.command_id AND c.kind = 'mark_fulfilled' AND c.state IN (${OPEN})
  RETURNING c.fulfilment_id
),
c_outcome AS (
  UPDATE fulfilment f SET fp_outcome = CASE WHEN o.completed THEN 'fulfilled' END, fp_outcome_at = now(), updated_at = now(), undo_until = NULL,
    sync_state = CASE
      WHEN o.completed AND EXISTS (SELECT 1 FROM c_outcome_confirm x WHERE x.fulfilment_id = f.id) THEN 'confirmed'
      WHEN o.completed AND f.sync_state IN ('confirmed', 'answered_200') THEN f.sync_state
      WHEN o.completed AND (SELECT c.state FROM fp_command c WHERE c.id = f.command_id) IN (${OPEN}) THEN f.sync_state
      WHEN o.completed THEN 'fp_fulfilled'
      WHEN f.sync_state = 'fp_fulfilled' THEN CASE f.review_status WHEN 'held' THEN 'held' WHEN 'pending' THEN 'awaiting_review' ELSE f.sync_state END
      ELSE f.sync_state END::sync_state
  FROM c_outcome_in o
  WHERE f.id = o.commission_id AND f.fp_outcome IS DISTINCT FROM 'denied' AND f.fp_outcome IS DISTINCT FROM 'deleted'
    AND f.fp_outcome IS DISTINCT FROM (CASE WHEN o.completed THEN 'fulfilled' END)
  RETURNING f.id
)`;
}
