// `npm run seed:bulk -- [--events 10000000] [--leads 2000000] [--rewards 400000] [--promoters 100000]
//   [--fulfilments 50000] [--payouts 200000] [--audit 1000000] [--days 365] [--yes]`
// Fills the PostgreSQL database DATABASE_URL names with a large, realistic data set (bench/lib/list-seed.ts):
// v1 and v2 events with their deliveries, promoters with balances in every unit, campaigns and
// memberships, leads, rewards, fulfilments in every review and sync state with their outbox commands,
// payouts, audit rows. Applies the migrations first, checks the free disk space against an estimate,
// prints progress and rows/s, and can be stopped (Ctrl-C) and run again to continue where it stopped.
// For benchmarks (bench:pages) and for trying the dashboard at scale; never against production data.
import { statfsSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { type ListSeedSizes, estimateBytes, seedListBench } from "../bench/lib/list-seed.ts";
import { backfillVersionKeys } from "../lib/db/backfill-version-keys.ts";
import { migrate } from "../lib/db/migrate.ts";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "10000000" },
    leads: { type: "string", default: "2000000" },
    rewards: { type: "string", default: "400000" },
    promoters: { type: "string", default: "100000" },
    fulfilments: { type: "string", default: "50000" },
    payouts: { type: "string", default: "200000" },
    audit: { type: "string", default: "1000000" },
    days: { type: "string", default: "365" },
    yes: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

const log = (m: string) => console.log(`[seed] ${m}`);
const gb = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GB`;

async function main(): Promise<number> {
  if (args.help) {
    console.log(
      "npm run seed:bulk -- [--events N] [--leads N] [--rewards N] [--promoters N] [--fulfilments N] [--payouts N] [--audit N] [--days N] [--yes]\n" +
        "Seeds DATABASE_URL (PostgreSQL) with a large data set; resumable. --yes skips the check that the database holds no other data.",
    );
    return 0;
  }
  const url = process.env.DATABASE_URL;
  if (!url?.startsWith("postgres")) {
    console.error("seed:bulk writes into PostgreSQL: set DATABASE_URL=postgresql://… (the embedded database is not meant for millions of rows)");
    return 2;
  }
  const sizes: ListSeedSizes = {
    events: Number(args.events),
    promoters: Number(args.promoters),
    leads: Number(args.leads),
    rewards: Number(args.rewards),
    fulfilments: Number(args.fulfilments),
    payouts: Number(args.payouts),
    audit: Number(args.audit),
    days: Number(args.days),
  };
  const estimate = estimateBytes(sizes);
  log(`${Object.entries(sizes).map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`).join(", ")}: about ${gb(estimate)} on disk`);
  log("applying migrations");
  await migrate(url);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const state = { stopping: false };
  process.on("SIGINT", () => {
    if (state.stopping) process.exit(130);
    state.stopping = true;
    log("stopping after the current chunk (it is committed with its progress); run the same command again to continue");
    // The chunk in flight rolls back with the connection; what committed stays.
    void c.end().finally(() => process.exit(130));
  });
  try {
    const { rows: dir } = await c.query<{ d: string }>("SELECT current_setting('data_directory', true) AS d").catch(() => ({ rows: [] as { d: string }[] }));
    const dataDir = dir[0]?.d;
    try {
      if (!dataDir) throw new Error("not readable");
      const fs = statfsSync(dataDir);
      const free = fs.bavail * fs.bsize;
      log(`free space at ${dataDir}: ${gb(free)}`);
      if (free < estimate * 1.2) {
        console.error(`[seed] not enough free disk: about ${gb(estimate)} needed (+20%), ${gb(free)} free`);
        return 1;
      }
    } catch {
      log(`free space not checked (the database's data directory is not on this machine or not readable); about ${gb(estimate)} will be needed`);
    }
    const { rows: other } = await c.query<{ n: string }>(
      "SELECT (SELECT count(*) FROM (SELECT 1 FROM webhook_event LIMIT 1) e) + (SELECT count(*) FROM (SELECT 1 FROM lead LIMIT 1) l) AS n",
    );
    const { rows: seeded } = await c.query<{ t: string | null }>("SELECT to_regclass('ledger_seed_progress')::text AS t");
    if (Number(other[0]?.n ?? 0) > 0 && !seeded[0]?.t && !args.yes) {
      console.error("[seed] this database already holds events or leads that seed:bulk did not write; use an empty database (or --yes)");
      return 1;
    }
    const started = Date.now();
    let lastLine = 0;
    await seedListBench(c, sizes, log, (p) => {
      if (Date.now() - lastLine < 2000 && p.done < p.total) return;
      lastLine = Date.now();
      const eta = p.rowsPerSecond > 0 ? (p.total - p.done) / p.rowsPerSecond : 0;
      log(
        `  ${p.step}: ${p.done.toLocaleString("en-US")} / ${p.total.toLocaleString("en-US")} (${((100 * p.done) / p.total).toFixed(1)}%), ` +
          `${Math.round(p.rowsPerSecond).toLocaleString("en-US")} rows/s, ETA ${Math.round(eta)} s`,
      );
    });
    // Seeded rows carry no version keys; write them now, as db:migrate would, so no server starts the
    // backfill in the background of a benchmark.
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const report = await backfillVersionKeys(pool, { log: (m) => log(`  ${m}`) });
      // The rewrite left a dead copy of each row: vacuum the projection tables again before anyone times them.
      if (report?.some((t) => t.rows > 0)) await pool.query("VACUUM (ANALYZE) promoter, promoter_balance, promotion, lead, reward, fulfilment, campaign");
    } finally {
      await pool.end();
    }
    const { rows: size } = await c.query<{ s: string }>("SELECT pg_database_size(current_database())::text AS s");
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; the database is ${gb(Number(size[0]?.s ?? 0))}`);
    return 0;
  } finally {
    if (!state.stopping) await c.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[seed] failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
