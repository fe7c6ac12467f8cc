import pg from "pg";
import { PipelinedConnections } from "./pipelined-connections.ts";

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

function isEmbeddedUrl(connectionString: string): boolean {
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

const pipelines = new WeakMap<pg.Pool, PipelinedConnections>();

/** The pipelined connections the webhook's ingest statements use beside `pool`, if any (not embedded). */
export function pipelineOf(pool: pg.Pool): PipelinedConnections | undefined {
  return pipelines.get(pool);
}

export type PoolOptions = pg.PoolConfig & {
  /** Pipelined connections for the webhook's ingest statements; default DATABASE_INGEST_CONNECTIONS or 1; 0 = none. */
  ingestConnections?: number;
};

export function createPool(connectionString: string, options: PoolOptions = {}): pg.Pool {
  const { ingestConnections, ...overrides } = options;
  const config = poolConfig(connectionString, overrides);
  const pool = new pg.Pool(config);
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on("error", (err) => console.error("[db] idle client error:", err.message));
  const size = ingestConnections ?? Number(process.env.DATABASE_INGEST_CONNECTIONS ?? 1);
  if (!isEmbeddedUrl(connectionString) && size > 0) {
    const pipeline = new PipelinedConnections(clientConfig(connectionString, overrides), size);
    pipelines.set(pool, pipeline);
    const endPool = pool.end.bind(pool);
    pool.end = (async () => {
      await pipeline.end();
      await endPool();
    }) as pg.Pool["end"];
  }
  return pool;
}
