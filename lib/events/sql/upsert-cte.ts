// Builds one "upsert a projection table from the event's projection JSON" CTE.
//
// Out-of-order rule, per column: a snapshot at least as new as the row's (snapshot_at, then
// snapshot_event_id) overwrites with what it carries (absent/null keeps the known value); an older
// snapshot only fills what is still unknown. So late deliveries never move a row backwards and
// records first seen nested in another event get completed later.

export type Column = {
  name: string;
  /** SQL type used to read it from JSON (jsonb_to_recordset) */
  type: string;
  /** "jsonb" merges objects key by key (newer keys win) instead of replacing them. */
  merge?: "value" | "jsonb";
};

export type TableSpec = {
  table: string;
  /** Key in the projection JSON holding this table's rows. */
  source: string;
  /** Conflict target (primary key columns). */
  key: string[];
  columns: Column[];
};

export const NEWER = "(EXCLUDED.snapshot_at, EXCLUDED.snapshot_event_id) >= (t.snapshot_at, t.snapshot_event_id)";

function jsonbMerge(base: string, top: string): string {
  return `CASE WHEN ${top} IS NULL THEN ${base} WHEN ${base} IS NULL THEN ${top} ELSE ${base} || ${top} END`;
}

/** The merged value of one column when a snapshot meets the stored row. */
export function mergeExpr(c: Column, newer: string): string {
  const mine = `t.${c.name}`;
  const theirs = `EXCLUDED.${c.name}`;
  if (c.merge === "jsonb") return `CASE WHEN ${newer} THEN ${jsonbMerge(mine, theirs)} ELSE ${jsonbMerge(theirs, mine)} END`;
  return `CASE WHEN ${newer} THEN COALESCE(${theirs}, ${mine}) ELSE COALESCE(${mine}, ${theirs}) END`;
}

export function recordsetFrom(spec: TableSpec, param = ":projection"): string {
  const cols = spec.columns.map((c) => `${c.name} ${c.type}`).join(", ");
  return `jsonb_to_recordset(${param}::jsonb -> '${spec.source}') AS r(${cols})`;
}

/**
 * `name AS (INSERT … SELECT … FROM ev, rows ON CONFLICT … DO UPDATE …)`: rows are inserted only
 * when `ev` returned the event (a new delivery), in key order so concurrent statements lock rows
 * in the same order.
 */
export function upsertCte(name: string, spec: TableSpec, extra: { set?: string[]; where?: string } = {}): string {
  const names = spec.columns.map((c) => c.name);
  const updates = spec.columns.filter((c) => !spec.key.includes(c.name)).map((c) => `${c.name} = ${mergeExpr(c, NEWER)}`);
  const set = [
    ...updates,
    `snapshot_at = CASE WHEN ${NEWER} THEN EXCLUDED.snapshot_at ELSE t.snapshot_at END`,
    `snapshot_event_id = CASE WHEN ${NEWER} THEN EXCLUDED.snapshot_event_id ELSE t.snapshot_event_id END`,
    "updated_at = now()",
    ...(extra.set ?? []),
  ];
  return `${name} AS (
  INSERT INTO ${spec.table} AS t (${names.join(", ")}, snapshot_at, snapshot_event_id)
  SELECT ${names.map((n) => `r.${n}`).join(", ")}, ev.at, ev.seq
  FROM ev CROSS JOIN ${recordsetFrom(spec)}
  ORDER BY ${spec.key.map((k) => `r.${k}`).join(", ")}
  ON CONFLICT (${spec.key.join(", ")}) DO UPDATE SET
    ${set.join(",\n    ")}${extra.where ? `\n  WHERE ${extra.where}` : ""}
  RETURNING t.${spec.key[0]}
)`;
}
