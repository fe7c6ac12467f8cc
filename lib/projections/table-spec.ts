// How a projected table's columns are read from the event's projection JSON and merged into the row.
// Types only: the row modules (campaigns.ts, promoters.ts …) declare their spec with them, and the
// SQL builders (sql/) read them.

export type Column = {
  name: string;
  /** SQL type used to read it from JSON (jsonb_to_recordset). */
  type: string;
  /** "jsonb": an object merged key by key, each key versioned on its own. */
  merge?: "value" | "jsonb";
};

export type TableSpec = {
  /** The table's name in Postgres. */
  table: string;
  /** Conflict target (primary key columns). */
  key: string[];
  columns: Column[];
};
