// Builds one "upsert a projected table from the event's projection JSON" CTE.
//
// Out-of-order rule, per field: a field takes the value of the newest snapshot that carries it, where
// "newest" is the event's version key (`:vkey`, lib/projections/version-key.ts: [second, format,
// action, ms, id], one shape for v1 and v2) and each row keeps, per field, the key its value came from
// (`field_versions`; json columns such as `profile` per key). A snapshot carries a field when it has a
// value for it, or (v2 only) states it as an explicit null (the row's `_nulls`); an absent field — and
// a v1 null — never erases a known value, a late snapshot never overwrites a newer value, and a late
// snapshot still fills or corrects a field the newer ones did not carry. The final state is the same in
// any delivery order. Stored keys may still have the shape before v2 ([epoch ms, id]): they are read
// through ledger_vkey / ledger_row_key (migration version_keys_and_payout_lists), never compared raw.

import type { Column, TableSpec } from "../table-spec.ts";

/** The stored row's version key (its snapshot_key, or one made from a row written before it existed). */
export const ROW_KEY = "ledger_row_key(t.snapshot_key, t.snapshot_at, t.snapshot_event_id)";

/** Row-level: is the incoming snapshot at least as new as the newest one the row reflects? */
export const NEWER = `:vkey >= ${ROW_KEY}`;

/** The stored version of a field (or json key) is not newer than this statement's. */
const fresh = (path: string) => `COALESCE(ledger_vkey(t.field_versions -> (${path})) <= :vkey, true)`;

/**
 * Whether the incoming snapshot's field replaces the stored one: it carries the field (its versions
 * name it: a value, or an explicit v2 null) and no newer snapshot set it.
 */
export function takes(c: Column): string {
  return `(EXCLUDED.field_versions ? '${c.name}' AND ${fresh(`'${c.name}'`)})`;
}

/** Like takes(), for a value read elsewhere than EXCLUDED (present when not null). */
export function takesValue(c: Column, value: string): string {
  return `(${value} IS NOT NULL AND ${fresh(`'${c.name}'`)})`;
}

/** The incoming row carries the field: a value, or a null it states explicitly (v2). */
const carried = (c: Column) => `(r.${c.name} IS NOT NULL OR r._nulls ? '${c.name}')`;

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
  const pairs = scalars.map((c) => `'${c.name}', CASE WHEN ${onConflict ? takes(c) : carried(c)} THEN :vkey END`);
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
  return `jsonb_to_recordset(:projection -> '${jsonKey}') AS r(${cols}, _nulls jsonb)`;
}

/** A column's value for the INSERT: NOT NULL columns with a default take it when the snapshot has none. */
export const insertValue = (c: Column) => (c.insertDefault ? `COALESCE(r.${c.name}, ${c.insertDefault})` : `r.${c.name}`);

/**
 * Row-level "newest snapshot reflected", kept for display and as the balances' rule. `gate`, when
 * given, is a further condition for taking the incoming snapshot (the fulfilment's "is it a new event").
 */
export function snapshotSet(gate?: string): string[] {
  const when = gate ? `${gate} AND ${NEWER}` : NEWER;
  return [
    `snapshot_at = CASE WHEN ${when} THEN EXCLUDED.snapshot_at ELSE t.snapshot_at END`,
    `snapshot_event_id = CASE WHEN ${when} THEN EXCLUDED.snapshot_event_id ELSE t.snapshot_event_id END`,
    `snapshot_key = CASE WHEN ${when} THEN :vkey ELSE ${ROW_KEY} END`,
  ];
}

/**
 * `name AS (INSERT … SELECT … FROM ev, rows ON CONFLICT … DO UPDATE …)`: rows are written only when
 * `ev` returned the event (a new delivery), in the projection's key order (see build-ingest-statement.ts)
 * so concurrent statements lock rows in the same order. Json columns arrive without null-valued keys
 * (lib/projections strips them).
 */
export function upsertCte(name: string, spec: TableSpec, jsonKey: string, returning: string[] = spec.key.slice(0, 1)): string {
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
  INSERT INTO ${spec.table} AS t (${names.join(", ")}, field_versions, snapshot_at, snapshot_event_id, snapshot_key)
  SELECT ${spec.columns.map(insertValue).join(", ")}, ${versionsExpr(data, "r", false)}, ev.at, ev.seq, :vkey
  FROM ev CROSS JOIN ${recordsetFrom(spec, jsonKey)}
  ON CONFLICT (${spec.key.join(", ")}) DO UPDATE SET
    ${set.join(",\n    ")}
  RETURNING ${returning.map((c) => `t.${c}`).join(", ")}
)`;
}
