import { fulfilmentTable } from "../fulfilments.ts";
import { insertValue, mergeExpr, recordsetFrom, snapshotSet, takes, versionsExpr } from "./upsert-cte.ts";

/**
 * Whether a delivery of this fulfilment is answered 200 (v1: FirstPromoter then marks it fulfilled):
 * approved in Ledger, and no longer undoable (the undo window is over, or the API call has started).
 * Otherwise 202, which keeps it pending. Reads the stored row (t.*): the review and its undo window
 * are Ledger's, never changed by a delivery.
 */
const ANSWERS_200 = "(t.review_status = 'approved' AND COALESCE(t.undo_until <= now(), true))";

/**
 * Unlike other tables, a fulfilment is touched by every delivery, duplicates included: FirstPromoter
 * may send fulfilment_pending again (on its next fulfilment check), and each re-send bumps the delivery count and
 * last-delivery time and may report has_issues. The other snapshot fields change only for a new event.
 * has_issues is stored NOT NULL (false when unsent): whether a delivery carries it is read from the
 * versions its row computes (EXCLUDED.field_versions), never from the defaulted value.
 * No "is it new" gate on the INSERT itself: a re-send racing the first delivery must still find the
 * row (ON CONFLICT sees committed rows; a plain EXISTS would read the statement's older snapshot).
 * RETURNING answered_200 decides the answer: 200 for an approval that can no longer be undone, else 202.
 * Replay (`live: false`) changes snapshot fields only: it is not a delivery.
 */
export function fulfilmentCte(opts: { live: boolean; jsonKey: string }): string {
  const spec = fulfilmentTable;
  const isNew = "EXISTS (SELECT 1 FROM ev)";
  const hasIssues = spec.columns.find((c) => c.name === "has_issues");
  if (!hasIssues) throw new Error("fulfilment table spec has no has_issues column");
  const snapshotCols = spec.columns.filter((c) => c.name !== "id" && c.name !== "has_issues");
  const set = [
    ...snapshotCols.map((c) => `${c.name} = CASE WHEN ${isNew} THEN ${mergeExpr(c)} ELSE t.${c.name} END`),
    // Every delivery may report has_issues, a re-send included (its versions say whether it carries it).
    `has_issues = ${mergeExpr(hasIssues)}`,
    `field_versions = t.field_versions
      || CASE WHEN ${isNew} THEN ${versionsExpr(snapshotCols, "EXCLUDED", true)} ELSE '{}' END
      || CASE WHEN ${takes(hasIssues)} THEN jsonb_build_object('has_issues', :vkey) ELSE '{}' END`,
    ...snapshotSet(isNew),
    "updated_at = now()",
    ...(opts.live
      ? [
          "delivery_count = t.delivery_count + 1",
          "first_delivery_at = LEAST(t.first_delivery_at, EXCLUDED.first_delivery_at)",
          "last_delivery_at = GREATEST(t.last_delivery_at, EXCLUDED.last_delivery_at)",
          `answered_200_at = CASE WHEN ${ANSWERS_200} THEN EXCLUDED.last_delivery_at ELSE t.answered_200_at END`,
          // Without the API (or before it confirmed anything) the 200 is what tells FirstPromoter.
          `sync_state = CASE WHEN ${ANSWERS_200} AND t.sync_state IN ('sending', 'not_connected') THEN 'answered_200' ELSE t.sync_state END`,
        ]
      : []),
  ];
  const cols = spec.columns.map((c) => c.name);
  return `c_fulfilment AS (
  INSERT INTO fulfilment AS t (${cols.join(", ")}, field_versions, first_delivery_at, last_delivery_at, delivery_count, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT ${spec.columns.map(insertValue).join(", ")}, ${versionsExpr(spec.columns.filter((c) => c.name !== "id"), "r", false)},
    :received_at, :received_at, ${opts.live ? 1 : 0}, :occurred_at, :seq, :vkey
  FROM ${recordsetFrom(spec, opts.jsonKey)}
  ${opts.live ? "" : `WHERE ${isNew}`}
  ON CONFLICT (id) DO UPDATE SET
    ${set.join(",\n    ")}
  RETURNING t.id, t.review_status, ${ANSWERS_200} AS answered_200
)`;
}
