// `npx tsx --conditions=react-server bench/list-queries.ts [--runs 50] [--events 100000] [--leads 100000]
//   [--promoters 10000] [--rewards 100000] [--fulfilments 20000] [--audit 50000] [--only <text>] [--explain <text>] [--keep]`
// Times every list screen's queries as the UI sends them (URL → the screen's parser → its list
// function, through the app's own pool from getDb): events, deliveries, promoters, leads, rewards,
// fulfilments, activity, their facets, the detail pages (promoter, lead, fulfilment, event), users
// and the overview's sections for each period. The data (bench/lib/list-seed.ts: ~100k events,
// 100k leads, 100k rewards, 10k promoters, 20k fulfilments, 50k audit rows) is seeded straight into
// a fresh database (ledger_listbench_<random>, dropped at the end unless --keep) on a local
// PostgreSQL (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres).
// Prints p50/p95/max per query with PASS/FAIL against the 300 ms p95 target, then EXPLAIN (ANALYZE,
// BUFFERS) of the statements the slowest one sent (and of any query matching --explain). Exits 0
// whatever the figures (a measurement, not a test); 1 only when the bench itself fails.
// --only <text>: time only the queries whose name contains <text> (the data is seeded in full anyway).
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { type Db, getDb } from "../lib/db/index.ts";
import { migrate } from "../lib/db/migrate.ts";
import { isLoopbackHost } from "../scripts/lib/net.ts";
import { buildListQueries, describeResult, type ListQuery } from "./lib/list-cases.ts";
import { explainStatement, isCatalogLookup, recordStatements, type StatementRecorder } from "./lib/list-explain.ts";
import { seedListBench } from "./lib/list-seed.ts";

const TARGET_P95_MS = 300;
const log = (m: string) => console.log(`[bench] ${m}`);

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "50" },
    events: { type: "string", default: "100000" },
    leads: { type: "string", default: "100000" },
    promoters: { type: "string", default: "10000" },
    rewards: { type: "string", default: "100000" },
    fulfilments: { type: "string", default: "20000" },
    payouts: { type: "string", default: "20000" },
    audit: { type: "string", default: "50000" },
    only: { type: "string" },
    explain: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const RUNS = Number(args.runs);
if (!Number.isSafeInteger(RUNS) || RUNS < 1) throw new RangeError(`--runs must be a positive integer, got ${args.runs}`);
const SIZES = {
  events: Number(args.events),
  promoters: Number(args.promoters),
  leads: Number(args.leads),
  rewards: Number(args.rewards),
  fulfilments: Number(args.fulfilments),
  payouts: Number(args.payouts),
  audit: Number(args.audit),
};

type Result = { query: ListQuery; p50: number; p95: number; max: number; rows: string };

const load = () => loadavg().map((n) => n.toFixed(2)).join(" / ");

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
    log("seeding:");
    await withClient(url.toString(), (c) => seedListBench(c, SIZES, log));
    db = getDb({ connectionString: url.toString() });
    const recorder = recordStatements(db.pool);
    const { rows: counted } = await db.pool.query<{ t: string; n: string }>(`
      SELECT t, n FROM (VALUES ('events', (SELECT count(*) FROM webhook_event)), ('deliveries', (SELECT count(*) FROM webhook_delivery)),
        ('promoters', (SELECT count(*) FROM promoter)), ('balances', (SELECT count(*) FROM promoter_balance)),
        ('promotions', (SELECT count(*) FROM promotion)), ('leads', (SELECT count(*) FROM lead)), ('rewards', (SELECT count(*) FROM reward)),
        ('fulfilments', (SELECT count(*) FROM fulfilment)), ('audit rows', (SELECT count(*) FROM audit_log)),
        ('event records', (SELECT count(*) FROM event_record))) AS c(t, n)`);
    const dataSet = counted.map((r) => `${Number(r.n).toLocaleString("en-US")} ${r.t}`).join(", ");
    log(`seeded ${dataSet} in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    const all = await buildListQueries(db);
    const queries = args.only ? all.filter((q) => q.name.includes(args.only as string)) : all;
    const loadBefore = load();
    log(`timing ${queries.length} queries, ${RUNS} runs each (after 3 warm-up runs); load average ${loadBefore} (1/5/15 min, ${cpus().length} CPUs)`);
    const timingStart = Date.now();
    const results: Result[] = [];
    for (const query of queries) {
      let last: unknown;
      for (let i = 0; i < 3; i++) last = await query.run(); // warm the cache and the connections
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await query.run();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] ?? Number.NaN;
      results.push({ query, p50: at(0.5), p95: at(0.95), max: times.at(-1) ?? Number.NaN, rows: describeResult(last) });
    }
    const loadAfter = load();
    const timingSeconds = (Date.now() - timingStart) / 1000;

    const width = Math.max(...results.map((r) => r.query.name.length));
    const line = (name: string, p50: string, p95: string, max: string, rows: string, mark: string) =>
      `${name.padEnd(width)}  ${p50.padStart(6)}  ${p95.padStart(6)}  ${max.padStart(6)}  ${rows.padStart(13)}  ${mark}`;
    console.log(`\n${RUNS} runs each on ${dataSet}`);
    console.log(`\n${line("query", "p50 ms", "p95 ms", "max ms", "rows/total", "p95 < 300 ms")}`);
    let screen = "";
    for (const r of results) {
      if (r.query.screen !== screen) {
        if (screen !== "") console.log("");
        screen = r.query.screen;
      }
      const mark = r.p95 < TARGET_P95_MS ? "PASS" : "FAIL";
      console.log(line(r.query.name, r.p50.toFixed(1), r.p95.toFixed(1), r.max.toFixed(1), r.rows, mark));
    }

    const slowest = [...results].sort((a, b) => b.p95 - a.p95)[0];
    const toExplain = new Set(results.filter((r) => args.explain && r.query.name.includes(args.explain)).map((r) => r.query));
    if (slowest) toExplain.add(slowest.query);
    for (const q of toExplain) {
      console.log(`\n${q === slowest?.query ? "slowest" : "explain"}: ${q.name} — EXPLAIN (ANALYZE, BUFFERS) of each statement it sends, as the app sends it:`);
      await explainQuery(db.pool, recorder, q);
    }

    const over = results.filter((r) => r.p95 >= TARGET_P95_MS);
    const over100 = results.filter((r) => r.p95 >= 100).length;
    console.log(`\nload average (1/5/15 min, ${cpus().length} CPUs) before timing ${loadBefore}, after ${loadAfter}; timing took ${timingSeconds.toFixed(0)} s`);
    console.log(
      `${results.length} queries, slowest p95 ${slowest ? `${slowest.p95.toFixed(1)} ms (${slowest.query.name})` : "n/a"} (target ${TARGET_P95_MS} ms)` +
        `; ${over.length} over target, ${over100} at or over 100 ms`,
    );
    return 0;
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

/** Runs the query once while recording its statements, then EXPLAINs each (catalog look-ups aside). */
async function explainQuery(pool: pg.Pool, recorder: StatementRecorder, q: ListQuery): Promise<void> {
  const statements = await recorder.record(q.run);
  for (const s of statements.filter((s) => !isCatalogLookup(s))) console.log(`\n${await explainStatement(pool, s)}`);
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
