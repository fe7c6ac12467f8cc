import type pg from "pg";
import { isRetryableConflict } from "@/lib/db/errors.ts";
import type { LedgerPool } from "@/lib/db/pool.ts";
import type { ParamName, Statement } from "@/lib/projections/sql/build-ingest-statement.ts";

export type StatementParams = Partial<Record<ParamName, string | number | Buffer | null>>;

/**
 * Runs one ingest statement in one round trip (the pool decides the route: lib/db/pool.ts). The
 * statement is atomic on its own (no explicit transaction), so on a deadlock or serialization failure
 * nothing was written and it is retried once.
 */
export async function runStatement<Row extends pg.QueryResultRow>(pool: LedgerPool, statement: Statement, params: StatementParams): Promise<Row> {
  const values = statement.params.map((name) => params[name] ?? null);
  let result: pg.QueryResult<Row>;
  try {
    result = await pool.ingest<Row>(statement, values);
  } catch (err) {
    if (!isRetryableConflict(err)) throw err;
    result = await pool.ingest<Row>(statement, values);
  }
  const row = result.rows[0];
  if (!row) throw new Error("ingest statement returned no row");
  return row;
}
