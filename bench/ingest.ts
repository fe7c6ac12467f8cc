// `npm run bench:ingest` – webhook ingestion throughput relative to a no-op route of the same production server
// (issue 3 §8). Fresh database on a local PostgreSQL (BENCH_DATABASE_URL), migrations, `next build` if stale,
// `next start` (or `--server custom`: scripts/server.ts) with LEDGER_BENCH=1, a warm-up, then rounds of
// (no-op, webhook) load from autocannon with 32 connections posting unique events of mixed types; prints
// events/s, ratio per round and its median, p50/p99, the CPU each response cost the server and Postgres, and
// checks afterwards that every acknowledged event is stored exactly once (exit 1 if not; a low ratio is
// reported, not failed). Loopback only. `--help` lists the options.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { migrate } from "../lib/db/migrate.ts";
import { ensureBuild } from "../scripts/lib/ensure-build.ts";
import { type BenchArgs, USAGE, parseBenchArgs } from "./lib/args.ts";
import { summariseCpuProfile } from "./lib/cpu-profile.ts";
import { DEFAULT_SERVER_URL, createBenchDatabase, readStoredEvents } from "./lib/database.ts";
import { EventSupply, type PreparedEvent, noopBodies } from "./lib/event-supply.ts";
import { type PhaseResult, mergePhases, runLoad, stopRunningLoad, sumPhases } from "./lib/load.ts";
import { type RoundResult, cpuPerRequest, phaseLine, phaseTableHeader, summary } from "./lib/report.ts";
import { idleShare, machineCpu } from "./lib/machine-cpu.ts";
import { PostgresCpu } from "./lib/postgres-cpu.ts";
import { type Server, startServer } from "./lib/server.ts";
import { DeliveryLedger } from "./lib/verify.ts";

const WEBHOOK_PATH = "/api/webhooks/firstpromoter";
const NOOP_PATH = "/api/bench/noop";

const log = (m: string) => console.log(`[bench] ${m}`);

class Interrupted extends Error {}
let interrupted: string | null = null;
let server: Server | undefined;
let secondServer: Server | null = null;
let closePgCpu: () => Promise<void> = async () => {};

async function main(args: BenchArgs): Promise<number> {
  const serverUrl = process.env.BENCH_DATABASE_URL || DEFAULT_SERVER_URL;
  const db = await createBenchDatabase(serverUrl);
  log(`created database ${db.name} on ${describeUrl(serverUrl)}`);
  const cpuProfDir = args.cpuProf ? mkdtempSync(path.join(os.tmpdir(), "ledger-bench-prof-")) : undefined;
  try {
    const applied = await migrate(db.url);
    log(`applied ${applied.length} migration(s)`);
    checkInterrupted();
    await ensureBuild({ log: (m) => log(m) });
    checkInterrupted();

    const now = new Date();
    const supply = new EventSupply({ seed: args.seed, startEventId: 30_000_000, now });
    supply.ensure(Math.max(args.warmup, args.connections) * 2 + 10_000);
    const noop = noopBodies(args.seed, 2_000, now);
    log(`generated ${supply.generated} events in ${(supply.generateMs / 1000).toFixed(1)} s (more are made between phases as needed)`);

    const secret = randomBytes(24).toString("base64url");
    const srv = await startServer({ kind: args.server, databaseUrl: db.url, secret, cpuProfDir, log });
    server = srv;
    // A second instance on the same database: senders are split between the two, and each event goes to both.
    const second = args.instances === 2 ? await startServer({ kind: args.server, databaseUrl: db.url, secret, log }) : null;
    secondServer = second;
    const servers = second ? [srv, second] : [srv];
    const serverCpu = () => {
      const each = servers.map((s) => s.cpuSeconds());
      return each.some((c) => c === null) ? null : each.reduce<number>((n, c) => n + (c ?? 0), 0);
    };
    checkInterrupted();
    log(`server up (pid ${srv.pid}); ${await describeEnvironment(db.url)}`);

    const pgCpu = await PostgresCpu.connect(db.url, db.name);
    closePgCpu = () => pgCpu.close();
    /** A phase with the CPU its Postgres backends used, and the machine's idle CPU. */
    const measured = async (phase: () => Promise<PhaseResult>): Promise<PhaseResult> => {
      const before = await pgCpu.sample();
      const machineBefore = machineCpu();
      const result = await phase();
      const machineIdle = idleShare(machineBefore, machineCpu());
      return { ...result, dbCpu: PostgresCpu.used(before, await pgCpu.sample()), machineIdle };
    };
    const headers = { "content-type": "application/json", authorization: `Bearer ${secret}` };
    const ledger = new DeliveryLedger(servers.length);
    /** Events already sent to one instance, waiting to be sent to the other. */
    const pairs: [PreparedEvent[], PreparedEvent[]] = [[], []];
    const nextEvent = (k: number): PreparedEvent => {
      if (servers.length === 1) {
        const e = supply.next();
        ledger.recordSent(e.id, e.type);
        return e;
      }
      const waiting = pairs[k]?.shift();
      if (waiting) return waiting;
      const e = supply.next();
      ledger.recordSent(e.id, e.type);
      pairs[1 - k]?.push(e);
      return e;
    };
    let noopIndex = 0;
    /** The same load on every instance at once, split between them; one merged result. */
    const acrossServers = async (path: string, p: { duration?: number; amount?: number }, body: (k: number) => { body: Buffer; id?: string }, track: boolean) => {
      const parts = await Promise.all(
        servers.map((s, k) =>
          runLoad({
            url: s.url,
            path,
            headers,
            connections: Math.max(1, Math.round(args.connections / servers.length)),
            ...(p.amount ? { amount: Math.ceil(p.amount / servers.length) } : { duration: p.duration }),
            serverCpu: servers.length === 1 ? () => s.cpuSeconds() : serverCpu,
            nextBody: () => body(k),
            onResponse: track ? (id, status, text) => ledger.recordResponse(id, status, text) : undefined,
          }),
        ),
      );
      return servers.length === 1 ? (parts[0] as PhaseResult) : sumPhases(parts);
    };
    const noopPhase = (p: { duration?: number; amount?: number }) => acrossServers(NOOP_PATH, p, () => ({ body: noop[noopIndex++ % noop.length] as Buffer }), false);
    const ingestPhase = (p: { duration?: number; amount?: number }) => acrossServers(WEBHOOK_PATH, p, (k) => nextEvent(k), true);

    await checkRoutes(srv.url, headers, supply, ledger);

    if (args.warmup > 0) {
      const amount = Math.max(args.warmup, args.connections);
      log(`warm-up: 2 × (${amount} no-op + ${amount} webhook requests), not counted`);
      for (let pass = 1; pass <= 2; pass++) {
        const n = await noopPhase({ amount });
        checkInterrupted();
        const i = await ingestPhase({ amount });
        checkInterrupted();
        log(`  pass ${pass}: no-op ${Math.round(n.rate)}/s (non-2xx ${n.non2xx}), webhook ${Math.round(i.rate)}/s (non-2xx ${i.non2xx})`);
      }
    }

    const slice = args.duration / args.slices;
    log(
      `measuring: ${args.rounds} rounds of (no-op ${args.duration} s, webhook ${args.duration} s)` +
        (args.slices > 1 ? `, each interleaved as ${args.slices} × (no-op ${slice} s, webhook ${slice} s)` : "") +
        `, ${args.connections} connections`,
    );
    console.log(`\n${phaseTableHeader()}`);
    const rounds: RoundResult[] = [];
    let lastIngestRate = 0;
    for (let round = 1; round <= args.rounds; round++) {
      const noopParts: PhaseResult[] = [];
      const ingestParts: PhaseResult[] = [];
      for (let s = 0; s < args.slices; s++) {
        await sleep(args.pause * 1000);
        checkInterrupted();
        const n = await measured(() => noopPhase({ duration: slice }));
        noopParts.push(n);
        checkInterrupted();
        // Enough unique events for the next slice, made now rather than while load runs (the generator shares the CPU).
        supply.ensure(Math.ceil(Math.max(n.rate, lastIngestRate) * slice * 1.25) + args.connections * 4);
        await sleep(args.pause * 1000);
        checkInterrupted();
        const i = await measured(() => ingestPhase({ duration: slice }));
        ingestParts.push(i);
        lastIngestRate = Math.max(lastIngestRate, i.rate);
        checkInterrupted();
      }
      const n = mergePhases(noopParts);
      const i = mergePhases(ingestParts);
      const ratio = n.rate > 0 ? i.rate / n.rate : Number.NaN;
      console.log(phaseLine(round, "noop", n));
      console.log(phaseLine(round, "ingest", i, ratio));
      rounds.push({ round, noop: n, ingest: i, ratio, cpuRatio: cpuPerRequest(n) / cpuPerRequest(i) });
    }
    if (supply.dryRuns > 0) log(`note: the event supply ran dry ${supply.dryRuns} time(s) during load (each a short stall of the senders)`);

    // Stop the server first: whatever was in flight when a phase ended has then either committed or not.
    await closePgCpu();
    await srv.stop();
    await second?.stop();
    const serverErrors = [...srv.errorLines(), ...(second?.errorLines() ?? [])];
    const stored = await readStoredEvents(db.url);
    const verification = ledger.verify(stored);

    console.log(`\n${summary(rounds, verification)}`);
    console.log(
      `\nevent mix sent: ${[...ledger.sentByType].sort((a, b) => b[1] - a[1]).map(([t, k]) => `${t} ${k}`).join(", ")}` +
        `\nwebhook_event rows ${stored.totalEvents}, webhook_delivery rows ${stored.totalDeliveries}`,
    );
    if (serverErrors.length) console.log(`\nserver logged ${serverErrors.length}+ error line(s), first ones:\n${serverErrors.slice(0, 5).join("\n")}`);
    if (cpuProfDir) printProfiles(cpuProfDir);
    return verification.ok ? 0 : 1;
  } finally {
    await closePgCpu();
    if (server) {
      await server.stop().catch((err: unknown) => log(`stopping the server: ${String(err)}`));
    }
    if (secondServer) await secondServer.stop().catch(() => {});
    if (args.keep) log(`kept database ${db.name}: ${db.url}`);
    else await db.drop().then(() => log(`dropped database ${db.name}`), (err: unknown) => log(`could not drop ${db.name}: ${String(err)}`));
  }
}

/** The no-op route must be enabled and the webhook must accept one event before load starts. */
async function checkRoutes(url: string, headers: Record<string, string>, supply: EventSupply, ledger: DeliveryLedger): Promise<void> {
  const noop = await fetch(new URL(NOOP_PATH, url), { method: "POST", headers, body: "{}" });
  if (noop.status !== 200) {
    throw new Error(`POST ${NOOP_PATH} answered ${noop.status} (${(await noop.text()).slice(0, 200)}): is app/api/bench/noop/route.ts in the build?`);
  }
  const e = supply.next();
  ledger.recordSent(e.id, e.type);
  const res = await fetch(new URL(WEBHOOK_PATH, url), { method: "POST", headers, body: e.body.toString("utf8") });
  const text = await res.text();
  ledger.recordResponse(e.id, res.status, text);
  if (res.status < 200 || res.status >= 300) throw new Error(`POST ${WEBHOOK_PATH} answered ${res.status} to a generated ${e.type}: ${text.slice(0, 300)}`);
}

async function describeEnvironment(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return `node ${process.version}, ${os.cpus().length} CPUs, PostgreSQL ${rows[0]?.v ?? "?"}, DATABASE_POOL_MAX ${process.env.DATABASE_POOL_MAX ?? "10 (default)"}`;
  } catch {
    return `node ${process.version}, ${os.cpus().length} CPUs`;
  } finally {
    await client.end().catch(() => {});
  }
}

function printProfiles(dir: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length === 0) { log(`no CPU profile was written to ${dir} (the server did not exit normally?)`); return; }
  for (const f of files) {
    const file = path.join(dir, f);
    console.log(`\nCPU profile ${file} (open in Chrome DevTools › Performance, or speedscope):\n${summariseCpuProfile(file)}`);
  }
}

/** Between steps: stop on a signal, and don't go on measuring a server that died. */
function checkInterrupted(): void {
  if (interrupted) throw new Interrupted(interrupted);
  const dead = server?.exitReason();
  if (dead) throw new Error(`${dead} during the run`);
}

/** host:port/database, without credentials. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return "unparsable URL";
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) {
      // Second signal: don't wait any longer, but never leave the server behind.
      log(`${signal} again: killing the server and exiting`);
      void server?.stop(0).finally(() => process.exit(130));
      return;
    }
    interrupted = `received ${signal}`;
    log(`${signal}: stopping after the current step, then cleaning up`);
    stopRunningLoad();
  });
}

let args: BenchArgs | "help";
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (err) {
  console.error(`[bench] ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
  process.exit(2);
}
if (args === "help") {
  console.log(USAGE);
  process.exit(0);
}
main(args).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof Interrupted) {
      log(`${err.message}: stopped`);
      process.exit(130);
    }
    console.error(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    if (server?.exitReason()) console.error(`[bench] ${server.exitReason()}\n--- last server output ---\n${server.tail()}`);
    process.exit(1);
  },
);
