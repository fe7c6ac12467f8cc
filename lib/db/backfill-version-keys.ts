import type pg from "pg";
import { LedgerPool } from "./pool.ts";

// Rewrites version keys stored before v2 support ([epoch ms, event id], and rows with no snapshot_key)
// into the current shape ([second, format, action, ms, id]: lib/projections/version-key.ts), in
// batches of primary-key ranges, each its own short transaction, so a large install upgrades while
// its server keeps ingesting. Correctness never waits for it: every comparison reads stored keys
// through ledger_vkey / ledger_row_key. Resumable (ledger_backfill remembers where each table got to),
// idempotent, and one at a time across instances (an advisory lock).

const LOCK_KEY = 7_431_002;

/** Tables with a version key, and the primary key to walk them by. */
const TABLES: { table: string; key: string[]; fieldVersions: boolean }[] = [
  { table: "campaign", key: ["id"], fieldVersions: true },
  { table: "promoter", key: ["id"], fieldVersions: true },
  { table: "promoter_balance", key: ["promoter_id", "kind", "unit"], fieldVersions: false },
  { table: "promotion", key: ["id"], fieldVersions: true },
  { table: "lead", key: ["id"], fieldVersions: true },
  { table: "reward", key: ["id"], fieldVersions: true },
  { table: "fulfilment", key: ["id"], fieldVersions: true },
];

export type BackfillReport = { table: string; rows: number }[];

export async function backfillVersionKeys(pool: pg.Pool, opts: { batch?: number; log?: (m: string) => void } = {}): Promise<BackfillReport | null> {
  const batch = opts.batch ?? 5_000;
  const log = opts.log ?? (() => {});
  // Embedded mode: one process owns the database, and its pool's one connection must stay free for
  // the server between batches, so no lock is held. Otherwise a session lock on a connection of its own.
  const lock = pool instanceof LedgerPool && pool.embedded ? null : await pool.connect();
  try {
    if (lock) {
      const { rows } = await lock.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [LOCK_KEY]);
      if (!rows[0]?.ok) return null; // another instance is on it
    }
    const report: BackfillReport = [];
    for (const t of TABLES) {
      const name = `version_keys:${t.table}`;
      const state = await pool.query<{ last_key: string | null; done_at: Date | null; rows_done: string }>(
        "INSERT INTO ledger_backfill (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING last_key, done_at, rows_done",
        [name],
      );
      if (state.rows[0]?.done_at) continue;
      let last: unknown[] | null = state.rows[0]?.last_key ? (JSON.parse(state.rows[0].last_key) as unknown[]) : null;
      let total = Number(state.rows[0]?.rows_done ?? 0);
      const keyList = t.key.join(", ");
      const keyCast = t.key.map((k, i) => `$${i + 2}::${k === "kind" ? "balance_kind" : k === "unit" ? "text" : "bigint"}`).join(", ");
      const set = [t.fieldVersions ? "field_versions = ledger_vkeys(x.field_versions)" : null, "snapshot_key = ledger_row_key(x.snapshot_key, x.snapshot_at, x.snapshot_event_id)"]
        .filter(Boolean)
        .join(", ");
      for (;;) {
        const after = last ? `WHERE (${keyList}) > (${keyCast})` : "";
        const sql = `WITH b AS (SELECT ${keyList} FROM ${t.table} ${after} ORDER BY ${keyList} LIMIT $1),
          u AS (UPDATE ${t.table} x SET ${set} FROM b WHERE ${t.key.map((k) => `x.${k} = b.${k}`).join(" AND ")} RETURNING 1)
          SELECT (SELECT count(*) FROM u)::int AS n, (SELECT json_build_array(${t.key.map((k) => `b.${k}`).join(", ")}) FROM b ORDER BY ${t.key.map((k) => `b.${k} DESC`).join(", ")} LIMIT 1) AS last`;
        const r = await pool.query<{ n: number; last: unknown[] | null }>(sql, [batch, ...(last ?? [])]);
        const n = r.rows[0]?.n ?? 0;
        total += n;
        last = r.rows[0]?.last ?? last;
        const done = n < batch;
        await pool.query("UPDATE ledger_backfill SET last_key = $2, rows_done = $3, done_at = CASE WHEN $4 THEN now() END WHERE name = $1", [
          name,
          last ? JSON.stringify(last) : null,
          total,
          done,
        ]);
        if (done) break;
        log(`version keys: ${t.table} ${total.toLocaleString("en-US")} rows`);
      }
      report.push({ table: t.table, rows: total });
    }
    return report;
  } finally {
    if (lock) {
      await lock.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
      lock.release();
    }
  }
}

/**
 * The backfill in the background of a server process (instrumentation.ts): a no-op once every table is
 * done; errors are logged and retried at the next start, never thrown (nothing depends on it finishing).
 */
export function startVersionKeyBackfill(pool: pg.Pool, log: (m: string) => void = (m) => console.log(`[upgrade] ${m}`)): Promise<void> {
  return backfillVersionKeys(pool, { log }).then(
    (report) => {
      const tables = report ?? [];
      const rows = tables.reduce((n, t) => n + t.rows, 0);
      if (rows > 0) log(`version keys rewritten in the current shape: ${tables.map((t) => `${t.table} ${t.rows}`).join(", ")}`);
    },
    (err: unknown) => log(`version-key backfill stopped (it resumes at the next start): ${err instanceof Error ? err.message : String(err)}`),
  );
}
