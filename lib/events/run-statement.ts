import type pg from "pg";
import { isRetryableConflict } from "@/lib/db/errors.ts";
import { corked } from "@/lib/db/pipelined-connections.ts";
import { pipelineOf } from "@/lib/db/pool.ts";
import type { ParamName, Statement } from "./sql/build-ingest-statement.ts";

export type StatementParams = Partial<Record<ParamName, string | number | Buffer | null>>;

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
 * pg writes Bind, Describe, Execute and Sync as four socket writes; on loopback each one wakes
 * Postgres, which then waits for the next (measured: most of the webhook's CPU went to writev).
 * Corking the socket while pg submits the query sends them as one write.
 */
async function corkedQuery<Row extends pg.QueryResultRow>(pool: pg.Pool, q: pg.QueryConfig): Promise<pg.QueryResult<Row>> {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    return await corked(client, () => client.query<Row>(q)); // submitted synchronously: the client was idle
  } catch (err) {
    failed = err as Error;
    throw err;
  } finally {
    // Like pool.query: a client whose query failed is discarded, not reused.
    client.release(failed);
  }
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
  // Pipelined connections where there are (real Postgres), else a pooled connection of its own.
  const pipeline = pipelineOf(pool);
  const send = (q: pg.QueryConfig) => (pipeline ? pipeline.query<Row>(q) : corkedQuery<Row>(pool, q));
  let result: pg.QueryResult<Row>;
  try {
    result = await send(query(pool, statement, values));
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === DUPLICATE_PREPARED_STATEMENT) unnamedPools.add(pool);
    else if (!isRetryableConflict(err)) throw err;
    result = await send(query(pool, statement, values));
  }
  const row = result.rows[0];
  if (!row) throw new Error("ingest statement returned no row");
  return row;
}
