// A fresh database per benchmark run on a local PostgreSQL server (BENCH_DATABASE_URL), and the queries the
// exactly-once verification reads afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { isLoopbackHost } from "../../scripts/lib/net.ts";

export const DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export type BenchDatabase = { name: string; url: string; drop(): Promise<void> };

/** Creates ledger_bench_<random> on the server `serverUrl` points to (its own database is only used to connect). */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const parsed = new URL(serverUrl);
  const socketHost = parsed.searchParams.get("host");
  if (!(isLoopbackHost(parsed.hostname) || (parsed.hostname === "" && socketHost?.startsWith("/")))) {
    throw new Error(`BENCH_DATABASE_URL must point to a PostgreSQL server on this machine (loopback), got host "${parsed.hostname}"`);
  }
  const name = `ledger_bench_${randomBytes(5).toString("hex")}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  let dropped = false;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      // FORCE: a server killed mid-run may leave connections behind.
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export type StoredEvents = {
  /** external id → rows in webhook_event with that id and their statuses. */
  events: Map<string, { rows: number; statuses: string[] }>;
  /** external id → delivery rows answered 2xx. */
  okDeliveries: Map<string, number>;
  totalEvents: number;
  totalDeliveries: number;
};

export async function readStoredEvents(url: string): Promise<StoredEvents> {
  return withClient(url, async (c) => {
    const ev = await c.query<{ external_id: string; rows: number; statuses: string[] }>(
      `SELECT external_id, count(*)::int AS rows, array_agg(status::text) AS statuses
         FROM webhook_event WHERE source = 'firstpromoter' GROUP BY external_id`,
    );
    const dl = await c.query<{ external_event_id: string; n: number }>(
      `SELECT external_event_id, count(*)::int AS n FROM webhook_delivery
        WHERE status_code BETWEEN 200 AND 299 AND external_event_id IS NOT NULL GROUP BY external_event_id`,
    );
    const totals = await c.query<{ events: number; deliveries: number }>(
      `SELECT (SELECT count(*) FROM webhook_event)::int AS events, (SELECT count(*) FROM webhook_delivery)::int AS deliveries`,
    );
    return {
      events: new Map(ev.rows.map((r) => [r.external_id, { rows: r.rows, statuses: r.statuses }])),
      okDeliveries: new Map(dl.rows.map((r) => [r.external_event_id, r.n])),
      totalEvents: totals.rows[0]?.events ?? 0,
      totalDeliveries: totals.rows[0]?.deliveries ?? 0,
    };
  });
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}
