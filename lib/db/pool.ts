import pg from "pg";

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
  };
}

export function createPool(connectionString: string, overrides?: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(poolConfig(connectionString, overrides));
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on("error", (err) => console.error("[db] idle client error:", err.message));
  return pool;
}
