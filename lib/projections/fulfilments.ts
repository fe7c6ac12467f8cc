import { NEWER, type TableSpec, mergeExpr, recordsetFrom } from "@/lib/events/sql/upsert-cte.ts";
import type { FulfilmentPendingData } from "@/lib/firstpromoter/types.ts";
import type { Projection } from "./projection.ts";

export type FulfilmentRow = {
  id: string;
  fp_status: string | null;
  amount: string | null;
  unit: string | null;
  due_date: string | null;
  date_paid: string | null;
  has_issues: boolean | null;
  reward: Record<string, unknown> | null;
  fp_created_at: string | null;
  promoter_id: string | null;
  campaign_id: string | null;
};

export const fulfilmentTable: TableSpec = {
  table: "fulfilment",
  source: "fulfilments",
  key: ["id"],
  columns: [
    { name: "id", type: "bigint" },
    { name: "fp_status", type: "text" },
    { name: "amount", type: "numeric" },
    { name: "unit", type: "text" },
    { name: "due_date", type: "timestamptz" },
    { name: "date_paid", type: "timestamptz" },
    { name: "has_issues", type: "boolean" },
    { name: "reward", type: "jsonb" },
    { name: "fp_created_at", type: "timestamptz" },
    { name: "promoter_id", type: "bigint" },
    { name: "campaign_id", type: "bigint" },
  ],
};

export function addFulfilment(p: Projection, f: FulfilmentPendingData): void {
  p.fulfilments.add({
    id: f.id,
    fp_status: f.status,
    amount: f.amount ?? null,
    unit: f.unit,
    due_date: f.due_date,
    date_paid: f.date_paid,
    has_issues: f.has_issues ?? null,
    reward: f.reward ?? null,
    fp_created_at: f.created_at,
    promoter_id: f.promoter?.id ?? null,
    campaign_id: f.campaign?.id ?? null,
  });
}

/**
 * Unlike other tables, a fulfilment is touched by every delivery, duplicates included: FirstPromoter
 * re-sends fulfilment_pending until it gets a 200, and each re-send bumps the delivery count and
 * last-delivery time and may report has_issues. The snapshot fields change only for a new event.
 * RETURNING the review status decides the answer: approved → 200, anything else → 202.
 * Replay (`live: false`) changes snapshot fields only: it is not a delivery.
 */
export function fulfilmentCte(opts: { live: boolean }): string {
  const spec = fulfilmentTable;
  const isNew = "EXISTS (SELECT 1 FROM ev)";
  const newer = `${isNew} AND ${NEWER}`;
  const snapshotCols = spec.columns.filter((c) => c.name !== "id" && c.name !== "has_issues");
  const set = [
    ...snapshotCols.map((c) => `${c.name} = CASE WHEN NOT ${isNew} THEN t.${c.name} ELSE ${mergeExpr(c, NEWER)} END`),
    // has_issues follows the newest delivery that states it, re-sends of the same event included.
    `has_issues = CASE WHEN ${NEWER} THEN COALESCE((SELECT f.has_issues FROM f_in f WHERE f.id = t.id), t.has_issues) ELSE t.has_issues END`,
    `snapshot_at = CASE WHEN ${newer} THEN EXCLUDED.snapshot_at ELSE t.snapshot_at END`,
    `snapshot_event_id = CASE WHEN ${newer} THEN EXCLUDED.snapshot_event_id ELSE t.snapshot_event_id END`,
    "updated_at = now()",
    ...(opts.live
      ? [
          "delivery_count = t.delivery_count + 1",
          "first_delivery_at = LEAST(t.first_delivery_at, EXCLUDED.first_delivery_at)",
          "last_delivery_at = GREATEST(t.last_delivery_at, EXCLUDED.last_delivery_at)",
          "confirmed_at = CASE WHEN t.review_status = 'approved' THEN EXCLUDED.last_delivery_at ELSE t.confirmed_at END",
        ]
      : []),
  ];
  const cols = spec.columns.map((c) => c.name);
  const values = cols.map((n) => (n === "has_issues" ? "COALESCE(f.has_issues, false)" : `f.${n}`));
  // A duplicate of an event that never projected (stored as failed) creates nothing.
  const gate = opts.live ? `${isNew} OR EXISTS (SELECT 1 FROM fulfilment x WHERE x.id = f.id)` : isNew;
  return `f_in AS (SELECT * FROM ${recordsetFrom(spec)}),
c_fulfilment AS (
  INSERT INTO fulfilment AS t (${cols.join(", ")}, first_delivery_at, last_delivery_at, delivery_count, snapshot_at, snapshot_event_id)
  SELECT ${values.join(", ")}, :received_at, :received_at, ${opts.live ? 1 : 0}, :occurred_at, :seq
  FROM f_in f
  WHERE ${gate}
  ORDER BY f.id
  ON CONFLICT (id) DO UPDATE SET
    ${set.join(",\n    ")}
  RETURNING t.id, t.review_status
)`;
}

