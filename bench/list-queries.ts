// `npx tsx --conditions=react-server bench/list-queries.ts [--events 100000] [--runs 50] [--keep]`
// Times the events screen's queries as the UI sends them (URL → parser → listEvents/listDeliveries/
// listEventFacets, through the app's own pool and its plan settings) on ~100k events seeded straight
// into a fresh database (ledger_listbench_<random>, dropped at the end) on a local PostgreSQL
// (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres). Prints p50/p95 per
// query (target p95 < 300 ms) and EXPLAIN (ANALYZE, BUFFERS) of the slowest one as the pool plans it.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { encodeCursor } from "../lib/data-table/cursor.ts";
import { cappedCountSql, keyset } from "../lib/data-table/keyset.ts";
import { type Db, getDb } from "../lib/db/index.ts";
import { migrate } from "../lib/db/migrate.ts";
import { deliveryConditions, deliveryKeyset, deliveryListSql, listDeliveries } from "../lib/events/list-deliveries.ts";
import { listEventFacets } from "../lib/events/list-event-facets.ts";
import { eventConditions, eventKeyset, eventListSql, listEvents } from "../lib/events/list-events.ts";
import { parseDeliveriesSearch, parseEventsSearch } from "../lib/events/search-params.ts";
import { Prisma } from "../lib/generated/prisma/client.ts";
import { isLoopbackHost } from "../scripts/lib/net.ts";

const TARGET_P95_MS = 300;
const log = (m: string) => console.log(`[bench] ${m}`);

const { values: args } = parseArgs({
  options: { events: { type: "string", default: "100000" }, runs: { type: "string", default: "50" }, keep: { type: "boolean", default: false } },
});
const EVENTS = Number(args.events);
const RUNS = Number(args.runs);

// ---------------------------------------------------------------------------------------------
// Seeding: one INSERT … SELECT per table from generate_series, shaped like the simulator's stream
// (type mix, emails and promoter ids where FirstPromoter puts them, ~1 KB payloads, 60 days).

const SEED_EVENTS = `
INSERT INTO webhook_event (source, external_id, type, occurred_at, received_at, payload, status, error)
SELECT 'firstpromoter', ext, type, occurred, occurred + make_interval(secs => 0.05 + (i * 13 % 2000) / 1000.0), payload,
       CASE WHEN type = 'payout_created' THEN 'ignored' WHEN broken THEN 'failed' ELSE 'processed' END::event_status,
       CASE WHEN broken AND type <> 'payout_created' THEN 'data.promoter.id: expected a number' END
FROM (
  SELECT i, (20000000 + i * 7)::text AS ext, t.type, occurred, i * 31 % 200 = 0 AS broken,
    jsonb_build_object(
      'event', jsonb_build_object('id', 20000000 + i * 7, 'type', t.type, 'created_at', occurred),
      'data', CASE
        WHEN t.type LIKE 'lead%' OR t.type IN ('new_customer') THEN jsonb_build_object(
          'id', 21000000 + lead, 'email', 'lead' || lead || '@example.com', 'state', 'signup', 'uid', '',
          'custom_fields', jsonb_build_object('utm_source', 'newsletter', 'note', repeat('n', 300)),
          'promoter', promoter)
        WHEN t.type = 'reward_created' THEN jsonb_build_object(
          'id', 11000000 + i, 'amount', 200, 'unit', 'cash', 'status', 'approved',
          'lead', jsonb_build_object('id', 21000000 + lead, 'email', 'lead' || lead || '@example.com'),
          'promoter', promoter, 'promotion', jsonb_build_object('id', 9000000 + p, 'campaign_name', 'Main Campaign'))
        ELSE jsonb_build_object('id', 2400000 + i, 'promoter', promoter,
          'campaign', jsonb_build_object('id', 13202, 'name', 'Main Campaign', 'landing_url', 'https://www.example.com'))
      END) AS payload
  FROM (
    SELECT i, b, (i * 7919) % 60000 AS lead, (i * 104729) % 2000 AS p,
           now() - interval '60 days' + (i::float8 / $1::bigint) * interval '60 days' AS occurred
    FROM (SELECT i, (i * 2654435761::bigint) % 1000 AS b FROM generate_series(1, $1::bigint) AS i) s
  ) r
  CROSS JOIN LATERAL (SELECT CASE
      WHEN b < 300 THEN 'lead_signup' WHEN b < 480 THEN 'lead_becomes_referral' WHEN b < 600 THEN 'new_customer'
      WHEN b < 800 THEN 'reward_created' WHEN b < 860 THEN 'fulfilment_pending' WHEN b < 894 THEN 'promoter_signed_up'
      WHEN b < 900 THEN 'promoter_signs_up' WHEN b < 950 THEN 'promoter_accepted' WHEN b < 980 THEN 'lead_cancelled'
      ELSE 'payout_created' END AS type) t
  CROSS JOIN LATERAL (SELECT jsonb_build_object('id', 3000000 + p, 'email', 'promoter' || p || '@example.com', 'status', 'active',
      'profile', jsonb_build_object('first_name', 'Jane', 'last_name', 'Smith', 'bio', repeat('b', 300))) AS promoter) pr
) x`;

// One delivery per event, a tenth re-delivered (duplicates), and 0.5% refused before storing.
const SEED_DELIVERIES = `
INSERT INTO webhook_delivery (received_at, status_code, outcome, error_code, reason, external_event_id, event_type, event_id, body_bytes)
SELECT e.received_at,
       CASE WHEN e.status = 'failed' THEN 422 WHEN e.type = 'fulfilment_pending' THEN 202 ELSE 200 END,
       CASE e.status WHEN 'failed' THEN 'rejected' WHEN 'ignored' THEN 'ignored' ELSE 'accepted' END,
       CASE WHEN e.status = 'failed' THEN 'invalid_data' END, e.error, e.external_id, e.type, e.id, 1200
FROM webhook_event e;
INSERT INTO webhook_delivery (received_at, status_code, outcome, external_event_id, event_type, event_id, body_bytes)
SELECT e.received_at + interval '1 hour', CASE WHEN e.type = 'fulfilment_pending' THEN 202 ELSE 200 END, 'duplicate',
       e.external_id, e.type, e.id, 1200
FROM webhook_event e WHERE e.id % 10 = 3;
INSERT INTO webhook_delivery (received_at, status_code, outcome, error_code, reason, external_event_id, event_type, body_bytes)
SELECT e.received_at - interval '1 second', c.code, 'rejected', c.err, c.reason, e.external_id, e.type, 1200
FROM webhook_event e
CROSS JOIN LATERAL (SELECT (ARRAY[401, 400, 413, 415])[1 + e.id % 4] AS code,
  (ARRAY['unauthorized', 'invalid_envelope', 'payload_too_large', 'unsupported_media_type'])[1 + e.id % 4] AS err,
  'refused before storing' AS reason) c
WHERE e.id % 200 = 7;
ANALYZE webhook_event; ANALYZE webhook_delivery;`;

// ---------------------------------------------------------------------------------------------

type Query = { name: string; run: () => Promise<unknown>; sql: () => Prisma.Sql[] };

async function main(): Promise<number> {
  const serverUrl = process.env.BENCH_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
  if (!isLoopbackHost(new URL(serverUrl).hostname)) throw new Error(`BENCH_DATABASE_URL must be on this machine, got ${serverUrl}`);
  const name = `ledger_listbench_${randomBytes(5).toString("hex")}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  log(`created ${name}`);
  let db: Db | undefined;
  try {
    await migrate(url.toString());
    const seedStart = Date.now();
    await withClient(url.toString(), async (c) => {
      await c.query(SEED_EVENTS, [EVENTS]);
      await c.query(SEED_DELIVERIES);
    });
    db = getDb({ connectionString: url.toString() });
    const counts = await db.pool.query<{ e: number; d: number }>("SELECT (SELECT count(*) FROM webhook_event)::int AS e, (SELECT count(*) FROM webhook_delivery)::int AS d");
    log(`seeded ${counts.rows[0]?.e} events and ${counts.rows[0]?.d} deliveries in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    const queries = await buildQueries(db);
    const results: { name: string; p50: number; p95: number; max: number }[] = [];
    for (const q of queries) {
      for (let i = 0; i < 3; i++) await q.run(); // warm the cache and the connection
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await q.run();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? Number.NaN;
      results.push({ name: q.name, p50: at(0.5), p95: at(0.95), max: times.at(-1) ?? Number.NaN });
    }
    const width = Math.max(...results.map((r) => r.name.length));
    console.log(`\n${"query".padEnd(width)}  p50 ms  p95 ms  max ms   (${RUNS} runs each; ${counts.rows[0]?.e} events)`);
    for (const r of results) {
      const flag = r.p95 > TARGET_P95_MS ? "  ← over target" : "";
      console.log(`${r.name.padEnd(width)}  ${r.p50.toFixed(1).padStart(6)}  ${r.p95.toFixed(1).padStart(6)}  ${r.max.toFixed(1).padStart(6)}${flag}`);
    }
    const slowest = [...results].sort((a, b) => b.p95 - a.p95)[0];
    const slowQuery = queries.find((q) => q.name === slowest?.name);
    if (slowQuery) {
      console.log(`\nslowest: ${slowQuery.name} — EXPLAIN (ANALYZE, BUFFERS) as the app plans it:`);
      for (const sql of slowQuery.sql()) console.log(`\n${await explain(db.pool, sql)}`);
    }
    const over = results.filter((r) => r.p95 > TARGET_P95_MS);
    console.log(over.length === 0 ? `\nall queries under the ${TARGET_P95_MS} ms p95 target` : `\n${over.length} queries over the ${TARGET_P95_MS} ms p95 target`);
    return over.length === 0 ? 0 : 1;
  } finally {
    await db?.prisma.$disconnect();
    await db?.pool.end();
    if (args.keep) log(`kept ${url.toString()}`);
    else {
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      log(`dropped ${name}`);
    }
  }
}

async function buildQueries(db: Db): Promise<Query[]> {
  const { prisma, pool } = db;
  // A position ~20,000 rows deep, as a cursor the UI would have after 400 pages of 50.
  const deep = (await pool.query<{ id: string; received_at: Date; occurred_at: Date }>(
    "SELECT id::text, received_at, occurred_at FROM webhook_event ORDER BY received_at DESC, id DESC OFFSET 20000 LIMIT 1",
  )).rows[0];
  const deepDelivery = (await pool.query<{ id: string; received_at: Date }>(
    "SELECT id::text, received_at FROM webhook_delivery ORDER BY received_at DESC, id DESC OFFSET 20000 LIMIT 1",
  )).rows[0];
  if (!deep || !deepDelivery) throw new Error("not enough rows for a deep page");
  const cursor = (sort: string, desc: boolean, value: Date, id: string, dir: "next" | "prev") =>
    encodeCursor({ sort, desc, value: value.toISOString(), id, dir });
  const weekAgo = Date.now() - 7 * 86_400_000;

  const events = (qs: string): Query => {
    const search = parseEventsSearch(new URLSearchParams(qs));
    const where = eventConditions(search);
    return {
      name: `events ?${qs}`.replace(/\?$/, "(default)").slice(0, 70),
      run: () => listEvents(prisma, search),
      sql: () => [eventListSql(where, keyset(eventKeyset(search))), cappedCountSql(Prisma.sql`webhook_event e`, where)],
    };
  };
  const deliveries = (qs: string): Query => {
    const search = parseDeliveriesSearch(new URLSearchParams(qs));
    const where = deliveryConditions(search);
    return {
      name: `deliveries ?${qs}`.replace(/\?$/, "(default)").slice(0, 70),
      run: () => listDeliveries(prisma, search),
      sql: () => [deliveryListSql(where, keyset(deliveryKeyset(search))), cappedCountSql(Prisma.sql`webhook_delivery d`, where)],
    };
  };
  return [
    events(""),
    events("perPage=100"),
    events("type=lead_signup"),
    events("type=payout_created"),
    events("type=reward_created,fulfilment_pending"),
    events("outcome=failed"),
    events("outcome=processed,ignored"),
    events(`occurred_at=${weekAgo},${weekAgo + 86_400_000}`),
    events(`occurred_at=${weekAgo},`),
    events("type=new_customer&outcome=processed&occurred_at=" + `${weekAgo - 20 * 86_400_000},${weekAgo}`),
    events("q=lead4242@example.com"),
    events("q=PROMOTER17@example.com"),
    events("q=3000017"),
    events(`q=${20000000 + 7 * 5000}`),
    events("q=no-such-event"),
    events("sort=occurred_at.desc"),
    events("sort=occurred_at.asc"),
    events(`cursor=${cursor("received_at", true, deep.received_at, deep.id, "next")}`),
    events(`cursor=${cursor("received_at", true, deep.received_at, deep.id, "prev")}`),
    events(`sort=occurred_at.desc&cursor=${cursor("occurred_at", true, deep.occurred_at, deep.id, "next")}`),
    events(`type=lead_signup&cursor=${cursor("received_at", true, deep.received_at, deep.id, "next")}`),
    { name: "event facets (type and outcome counts)", run: () => listEventFacets(prisma), sql: () => [] },
    deliveries(""),
    deliveries("outcome=rejected"),
    deliveries("status_code=401"),
    deliveries("outcome=duplicate&status_code=202"),
    deliveries(`cursor=${cursor("received_at", true, deepDelivery.received_at, deepDelivery.id, "next")}`),
  ];
}

/** EXPLAIN ANALYZE through PREPARE/EXECUTE on the app's pool with the list queries' plan setting (queryPlannedForValues). */
async function explain(pool: pg.Pool, sql: Prisma.Sql): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL plan_cache_mode = force_custom_plan");
    await client.query(`PREPARE bench_q AS ${sql.text}`);
    const literal = (v: unknown): string => {
      // An untyped array literal, so EXECUTE coerces it to the parameter's type (text[], event_status[], int[]).
      if (Array.isArray(v)) return client.escapeLiteral(`{${v.map((e) => `"${String(e).replace(/[\\"]/g, "\\$&")}"`).join(",")}}`);
      if (v instanceof Date) return client.escapeLiteral(v.toISOString());
      if (typeof v === "number" || typeof v === "bigint") return String(v);
      return client.escapeLiteral(String(v));
    };
    const args = sql.values.length ? `(${sql.values.map(literal).join(", ")})` : "";
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_q${args}`);
    await client.query("DEALLOCATE bench_q");
    await client.query("COMMIT");
    return `${sql.text.replace(/\s+/g, " ").trim()}\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`;
  } finally {
    client.release();
  }
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, statement_timeout: 600_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

function admin(serverUrl: string, sql: string): Promise<unknown> {
  return withClient(serverUrl, (c) => c.query(sql));
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
