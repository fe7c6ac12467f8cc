// Command-line options of `npm run bench:ingest -- [options]`.
import { parseArgs } from "node:util";

export type BenchArgs = {
  duration: number;
  rounds: number;
  connections: number;
  warmup: number;
  pause: number;
  slices: number;
  seed: number;
  keep: boolean;
  server: "next" | "custom";
  cpuProf: boolean;
  /** Servers on the one database; with 2, every event is sent to both at once (duplicates across instances). */
  instances: 1 | 2;
};

export const USAGE = `npm run bench:ingest -- [options]

Starts \`next start\` (built if stale) against a fresh database on a local PostgreSQL server, then alternates
load on the no-op route and the webhook (unique events of mixed types), prints events/s, the ratio to the
no-op route, p50/p99 latency, and verifies that every acknowledged event was stored exactly once.

  --duration <s>     seconds per phase (default 10)
  --rounds <n>       rounds of (no-op, ingest) (default 3)
  --connections <n>  concurrent senders (default 32)
  --warmup <n>       warm-up requests per route per pass, two passes, not counted (default 2000: fewer
                     left the first measured no-op phase still warming up, which flattered round 1)
  --pause <s>        pause between phases, lets Postgres and GC settle (default 1)
  --slices <n>       split each round's two phases into n alternating slices of duration/n seconds
                     (noop, ingest, noop, ingest…), so drift in other load on the machine hits both
                     (default 5: on a shared 2-core VM the no-op rate alone moved 15-30% between
                     back-to-back 10 s phases, which swung single-slice round ratios from 0.55 to 1.0)
  --seed <n>         event generator seed (default 1)
  --instances <n>    1 (default) or 2: two servers on one database, senders split between them, and every
                     event posted to both at once; exactly-once is checked across them
  --server <kind>    next: \`next start\` (default) · custom: scripts/server.ts, the server \`npm start\` runs
  --keep             keep the database (ledger_bench_…) instead of dropping it
  --cpu-prof         write a V8 CPU profile of the server (node --cpu-prof) to a temp folder
  --help

Environment: BENCH_DATABASE_URL, a server URL (default postgresql://postgres@127.0.0.1:5432/postgres);
each run creates and drops its own ledger_bench_<random> database there.`;

export function parseBenchArgs(argv: string[]): BenchArgs | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: "string", default: "10" },
      rounds: { type: "string", default: "3" },
      connections: { type: "string", default: "32" },
      warmup: { type: "string", default: "2000" },
      pause: { type: "string", default: "1" },
      slices: { type: "string", default: "5" },
      seed: { type: "string", default: "1" },
      keep: { type: "boolean", default: false },
      server: { type: "string", default: "next" },
      "cpu-prof": { type: "boolean", default: false },
      instances: { type: "string", default: "1" },
      help: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return "help";
  return {
    duration: positive("duration", values.duration),
    rounds: positiveInt("rounds", values.rounds),
    connections: positiveInt("connections", values.connections),
    warmup: nonNegativeInt("warmup", values.warmup),
    pause: nonNegative("pause", values.pause),
    slices: positiveInt("slices", values.slices),
    seed: nonNegativeInt("seed", values.seed),
    keep: values.keep,
    server: serverKind(values.server),
    cpuProf: values["cpu-prof"],
    instances: instancesOf(values.instances),
  };
}

function num(name: string, raw: string, ok: (n: number) => boolean, what: string): number {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || !ok(n)) throw new Error(`--${name} must be ${what}, got "${raw}"`);
  return n;
}
const positive = (name: string, raw: string) => num(name, raw, (n) => n > 0, "a positive number");
const nonNegative = (name: string, raw: string) => num(name, raw, (n) => n >= 0, "a number ≥ 0");
const positiveInt = (name: string, raw: string) => num(name, raw, (n) => Number.isSafeInteger(n) && n > 0, "a positive integer");
const nonNegativeInt = (name: string, raw: string) => num(name, raw, (n) => Number.isSafeInteger(n) && n >= 0, "an integer ≥ 0");

function serverKind(raw: string): "next" | "custom" {
  if (raw === "next" || raw === "custom") return raw;
  throw new Error(`--server must be next or custom, got "${raw}"`);
}

function instancesOf(raw: string): 1 | 2 {
  if (raw === "1" || raw === "2") return Number(raw) as 1 | 2;
  throw new Error(`--instances must be 1 or 2, got "${raw}"`);
}
