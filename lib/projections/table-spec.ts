// How a projected table's columns are read from the event's projection JSON and merged into the row.
// Types only: the row modules (campaigns.ts, promoters.ts …) declare their spec with them, and the
// SQL builders (sql/) read them.

export type Column = {
  name: string;
  /** SQL type used to read it from JSON (jsonb_to_recordset). */
  type: string;
  /** "jsonb": an object merged key by key, each key versioned on its own. */
  merge?: "value" | "jsonb";
  /** A NOT NULL column's value when an inserted snapshot has none (e.g. `false` for `deleted`). */
  insertDefault?: string;
  /** Only v2 snapshots carry it: v1 statements leave the column out altogether (no cost to v1 ingest). */
  v2Only?: true;
};

export type TableSpec = {
  /** The table's name in Postgres. */
  table: string;
  /** Conflict target (primary key columns). */
  key: string[];
  columns: Column[];
};

/** The spec as a statement for `format` sees it: without the columns that format never carries. */
export function specFor(spec: TableSpec, format: "v1" | "v2"): TableSpec {
  return format === "v2" ? spec : { ...spec, columns: spec.columns.filter((c) => !c.v2Only) };
}
