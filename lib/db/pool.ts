import pg from "pg";
import { PipelinedConnections, corked } from "./pipelined-connections.ts";

/**
 * Marks an embedded (PGlite) URL: lib/embedded/start-embedded-postgres.ts adds `?ledger_embedded=1`.
 * PGlite is one Postgres session behind pglite-socket, which queues each protocol message of every
 * socket in arrival order and only keeps a connection's messages together while an explicit
 * transaction is open. With several connections, a backlog behind one connection's transaction is
 * then replayed interleaved (one connection's Parse, another's Bind: "portal does not exist",
 * "ingest statement returned no row"), and a webhook delivery could fail and be lost
 * (tests/integration/fulfilments/review-under-load.test.ts). One connection per process cannot interleave, and costs
 * nothing: the single session runs one statement at a time anyway.
 */
export const EMBEDDED_URL_FLAG = "ledger_embedded";

export function isEmbeddedUrl(connectionString: string): boolean {
  try {
    return new URL(connectionString).searchParams.get(EMBEDDED_URL_FLAG) === "1";
  } catch {
    return false;
  }
}

/**
 * Connection settings shared by the app's pool. Timeouts sit well under FirstPromoter's 15 s webhook
 * timeout so an unreachable or stuck database answers 503 quickly instead of the sender giving up.
 */
export function poolConfig(connectionString: string, overrides: pg.PoolConfig = {}): pg.PoolConfig {
  return {
    connectionString,
    max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    connectionTimeoutMillis: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 3000),
    statement_timeout: Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 5000),
    query_timeout: Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 5000) + 1000,
    idleTimeoutMillis: 30_000,
    ...overrides,
    // Embedded: one connection, whatever was asked for (see EMBEDDED_URL_FLAG).
    ...(isEmbeddedUrl(connectionString) ? { max: 1 } : {}),
  };
}

/** The app's connection settings for one connection of its own (no pool size or idle timeout). */
export function clientConfig(connectionString: string, overrides: pg.PoolConfig = {}): pg.ClientConfig {
  const { max: _max, idleTimeoutMillis: _idle, ...config } = poolConfig(connectionString, overrides);
  return config;
}

export type PoolOptions = pg.PoolConfig & {
  /** Pipelined connections for the webhook's ingest statements; default DATABASE_INGEST_CONNECTIONS or 1; 0 = none. */
  ingestConnections?: number;
};

/**
 * The app's pg pool, knowing from its URL (decided once, here) how the webhook's one-statement
 * ingest reaches the database:
 * - real Postgres: over pipelined connections beside the pool (group commit), as named statements
 *   (each connection parses and plans a statement once, then only binds and executes it);
 * - real Postgres with `ingestConnections: 0`: over a pooled connection, named;
 * - embedded PGlite: over the pool's single connection, unnamed — its one session is shared by every
 *   connection, so a name prepared "on one connection" would already exist on the next.
 */
export class LedgerPool extends pg.Pool {
  readonly embedded: boolean;
  readonly pipeline: PipelinedConnections | null;

  constructor(connectionString: string, options: PoolOptions = {}) {
    const { ingestConnections, ...overrides } = options;
    super(poolConfig(connectionString, overrides));
    this.embedded = isEmbeddedUrl(connectionString);
    const size = ingestConnections ?? Number(process.env.DATABASE_INGEST_CONNECTIONS ?? 1);
    this.pipeline = !this.embedded && size > 0 ? new PipelinedConnections(clientConfig(connectionString, overrides), size) : null;
    // An idle client losing its connection (database restart) must not crash the process.
    this.on("error", (err) => console.error("[db] idle client error:", err.message));
  }

  /** One ingest statement (`name` unless embedded), by whichever route this pool's database takes. */
  ingest<Row extends pg.QueryResultRow>(statement: { name: string; text: string }, values: unknown[]): Promise<pg.QueryResult<Row>> {
    const q: pg.QueryConfig = this.embedded ? { text: statement.text, values } : { name: statement.name, text: statement.text, values };
    return this.pipeline ? this.pipeline.query<Row>(q) : this.corkedQuery<Row>(q);
  }

  /**
   * pg writes Bind, Describe, Execute and Sync as four socket writes; on loopback each one wakes
   * Postgres, which then waits for the next (measured: most of the webhook's CPU went to writev).
   * Corking the socket while pg submits the query sends them as one write.
   */
  private async corkedQuery<Row extends pg.QueryResultRow>(q: pg.QueryConfig): Promise<pg.QueryResult<Row>> {
    const client = await this.connect();
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

  override async end(): Promise<void> {
    await this.pipeline?.end();
    await super.end();
  }
}

export function createPool(connectionString: string, options: PoolOptions = {}): LedgerPool {
  return new LedgerPool(connectionString, options);
}
