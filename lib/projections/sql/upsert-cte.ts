// Builds one "upsert a projection table from the event's projection JSON" CTE.
//
// Out-of-order rule, per field: a field takes the value of the newest snapshot that carries it
// (non-null), where "newest" is the event's (created_at, id) — the statement's `:vkey`, a jsonb
// array [epoch ms, event id] — and each row keeps, per field, the vkey its value came from
// (`field_versions`; json columns such as `profile` per key). Absent or null never erases a known
// value, a late snapshot never overwrites a newer value, and a late snapshot still fills or corrects
// a field the newer ones did not carry. The final state is the same in any delivery order.

import type { Column, TableSpec } from "../table-spec.ts";

/** Row-level: is the incoming snapshot at least as new as the newest one the row reflects? */
export const NEWER = "(EXCLUDED.snapshot_at, EXCLUDED.snapshot_event_id) >= (t.snapshot_at, t.snapshot_event_id)";

/** The stored version of a field (or json key) is not newer than this statement's. */
const fresh = (path: string) => `COALESCE((t.field_versions -> (${path})) <= :vkey, true)`;

/** Whether an incoming scalar value replaces the stored one. `value` defaults to EXCLUDED.<name>. */
export function takes(c: Column, value = `EXCLUDED.${c.name}`): string {
  return `(${value} IS NOT NULL AND ${fresh(`'${c.name}'`)})`;
}

/** The merged value of one column. */
export function mergeExpr(c: Column): string {
  if (c.merge !== "jsonb") return `CASE WHEN ${takes(c)} THEN EXCLUDED.${c.name} ELSE t.${c.name} END`;
  const key = (alias: string) => `'${c.name}.' || ${alias}.key`;
  return `CASE WHEN EXCLUDED.${c.name} IS NULL THEN t.${c.name} ELSE (
      SELECT jsonb_object_agg(m.key, m.value) FROM (
        SELECT o.key, o.value FROM jsonb_each(COALESCE(t.${c.name}, '{}')) o
        WHERE NOT (EXCLUDED.${c.name} ? o.key AND ${fresh(key("o"))})
        UNION ALL
        SELECT n.key, n.value FROM jsonb_each(EXCLUDED.${c.name}) n WHERE ${fresh(key("n"))}
      ) m) END`;
}

/** The versions of the fields (and json keys) this snapshot sets, to merge into field_versions. */
export function versionsExpr(columns: Column[], row: "EXCLUDED" | "r", onConflict: boolean): string {
  const scalars = columns.filter((c) => c.merge !== "jsonb");
  const pairs = scalars.map((c) => `'${c.name}', CASE WHEN ${onConflict ? takes(c) : `r.${c.name} IS NOT NULL`} THEN :vkey END`);
  const parts = [`jsonb_strip_nulls(jsonb_build_object(${pairs.join(", ")}))`];
  for (const c of columns.filter((c) => c.merge === "jsonb")) {
    const cond = onConflict ? `WHERE ${fresh(`'${c.name}.' || n.key`)}` : "";
    parts.push(`COALESCE((SELECT jsonb_object_agg('${c.name}.' || n.key, :vkey) FROM jsonb_each(COALESCE(${row}.${c.name}, '{}')) n ${cond}), '{}')`);
  }
  return parts.join(" || ");
}

/** The table's rows in the statement's projection JSON (under `jsonKey`), as a record set aliased `r`. */
export function recordsetFrom(spec: TableSpec, jsonKey: string): string {
  const cols = spec.columns.map((c) => `${c.name} ${c.type}`).join(", ");
  return `jsonb_to_recordset(:projection -> '${jsonKey}') AS r(${cols})`;
}

/**
 * Row-level "newest snapshot reflected", kept for display and as the balances' rule. `gate`, when
 * given, is a further condition for taking the incoming snapshot (the fulfilment's "is it a new event").
 */
export function snapshotSet(gate?: string): string[] {
  const when = gate ? `${gate} AND ${NEWER}` : NEWER;
  return [
    `snapshot_at = CASE WHEN ${when} THEN EXCLUDED.snapshot_at ELSE t.snapshot_at END`,
    `snapshot_event_id = CASE WHEN ${when} THEN EXCLUDED.snapshot_event_id ELSE t.snapshot_event_id END`,
  ];
}

/**
 * `name AS (INSERT … SELECT … FROM ev, rows ON CONFLICT … DO UPDATE …)`: rows are written only when
 * `ev` returned the event (a new delivery), in the projection's key order (see build-ingest-statement.ts)
 * so concurrent statements lock rows in the same order. Json columns arrive without null-valued keys
 * (lib/projections strips them).
 */
export function upsertCte(name: string, spec: TableSpec, jsonKey: string): string {
  const names = spec.columns.map((c) => c.name);
  const data = spec.columns.filter((c) => !spec.key.includes(c.name));
  const set = [
    ...data.map((c) => `${c.name} = ${mergeExpr(c)}`),
    // Computed from the stored row (t.*), before this UPDATE's own changes: Postgres evaluates SET from the old row.
    `field_versions = t.field_versions || ${versionsExpr(data, "EXCLUDED", true)}`,
    ...snapshotSet(),
    "updated_at = now()",
  ];
  return `${name} AS (
  INSERT INTO ${spec.table} AS t (${names.join(", ")}, field_versions, snapshot_at, snapshot_event_id)
  SELECT ${names.map((n) => `r.${n}`).join(", ")}, ${versionsExpr(data, "r", false)}, ev.at, ev.seq
  FROM ev CROSS JOIN ${recordsetFrom(spec, jsonKey)}
  ON CONFLICT (${spec.key.join(", ")}) DO UPDATE SET
    ${set.join(",\n    ")}
  RETURNING t.${spec.key[0]}
)`;
}
