import type pg from "pg";
import { isRetryableConflict } from "@/lib/db/errors.ts";
import type { ParamName, Statement } from "./sql/build-ingest-statement.ts";

export type StatementParams = Partial<Record<ParamName, string | number | null>>;

// Pools whose server shares one session between connections (embedded PGlite behind pglite-socket):
// a statement prepared "on one connection" already exists on the next, so names cannot be used.
const unnamedPools = new WeakSet<pg.Pool>();
const DUPLICATE_PREPARED_STATEMENT = "42P05";

function query(pool: pg.Pool, statement: Statement, values: unknown[]) {
  // Named: each connection parses and plans the statement once, then only binds and executes it
  // (re-parsing these CTE statements cost Postgres more than running them).
  return unnamedPools.has(pool) ? { text: statement.text, values } : { name: statement.name, text: statement.text, values };
}

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
  let result: pg.QueryResult<Row>;
  try {
    result = await pool.query<Row>(query(pool, statement, values));
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === DUPLICATE_PREPARED_STATEMENT) unnamedPools.add(pool);
    else if (!isRetryableConflict(err)) throw err;
    result = await pool.query<Row>(query(pool, statement, values));
  }
  const row = result.rows[0];
  if (!row) throw new Error("ingest statement returned no row");
  return row;
}
