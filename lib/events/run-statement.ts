import type pg from "pg";
import { isRetryableConflict } from "@/lib/db/errors.ts";
import type { ParamName, Statement } from "./sql/build-ingest-statement.ts";

export type StatementParams = Partial<Record<ParamName, string | number | null>>;

/**
 * Runs one ingest statement in one round trip. The statement is atomic on its own (no explicit
 * transaction), so on a deadlock or serialization failure nothing was written and it is retried once.
 */
export async function runStatement<Row extends pg.QueryResultRow>(
  pool: pg.Pool,
  statement: Statement,
  params: StatementParams,
): Promise<Row> {
  const values = statement.params.map((name) => params[name] ?? null);
  const query = { text: statement.text, values };
  let result: pg.QueryResult<Row>;
  try {
    result = await pool.query<Row>(query);
  } catch (err) {
    if (!isRetryableConflict(err)) throw err;
    result = await pool.query<Row>(query);
  }
  const row = result.rows[0];
  if (!row) throw new Error("ingest statement returned no row");
  return row;
}
