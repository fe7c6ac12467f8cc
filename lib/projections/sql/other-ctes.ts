import { NEWER } from "./upsert-cte.ts";

// The two CTEs that are not a plain upsert of a projected table.

/** A promoter's balances: one row per (promoter, kind, unit), each versioned on its own (row-level rule). */
export function balanceCte(jsonKey: string): string {
  return `c_balance AS (
  INSERT INTO promoter_balance AS t (promoter_id, kind, unit, amount, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT r.promoter_id, r.kind::balance_kind, r.unit, r.amount, ev.at, ev.seq, :vkey
  FROM ev CROSS JOIN jsonb_to_recordset(:projection -> '${jsonKey}') AS r(promoter_id bigint, kind text, unit text, amount numeric)
  ON CONFLICT (promoter_id, kind, unit) DO UPDATE
    SET amount = EXCLUDED.amount, snapshot_at = EXCLUDED.snapshot_at, snapshot_event_id = EXCLUDED.snapshot_event_id, snapshot_key = :vkey
    WHERE ${NEWER}
  RETURNING t.promoter_id
)`;
}

/** Which records the event touched (record timelines), written with it. */
export const TOUCHED_CTE = `c_touched AS (
  INSERT INTO event_record (event_id, record_type, record_id)
  SELECT ev.id, r.record_type::record_type, r.record_id
  FROM ev CROSS JOIN jsonb_to_recordset(:projection -> 'touched') AS r(record_type text, record_id bigint)
  ON CONFLICT DO NOTHING
  RETURNING event_id
)`;
