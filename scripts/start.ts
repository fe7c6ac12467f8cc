// `npm start`: Ledger in production mode.
//  - DATABASE_URL unset → embedded mode: PGlite in .ledger/pgdata (LEDGER_DATA_DIR overrides) served on
//    127.0.0.1:LEDGER_DB_PORT (default 5433), a webhook secret generated once into .ledger/webhook-secret,
//    demo data in an empty database (LEDGER_DEMO=0 turns it off).
//  - DATABASE_URL set → that PostgreSQL, no demo data, WEBHOOK_SECRET required.
//    Without FIRSTPROMOTER_API_KEY it also starts a demo FirstPromoter API (lib/fake-firstpromoter/) on a
//    free local port, its account kept in .ledger/fake-firstpromoter.json, and connects Ledger to it.
// Then: migrations, `next build` if the build is stale, the server (scripts/server.ts: Next's handler
// behind a Node HTTP server that sets the client IP), wait for /api/health, print the URLs and sign-in.
//
// Stopping: Ctrl-C (SIGINT to the whole foreground process group, which npm also relays to this process) or
// SIGTERM, at any moment. The server stops listening, finishes the requests in flight (answering them with
// `Connection: close`) and stops the outbox worker (SERVER_GRACE_MS at most); a step that must not be cut short
// (opening the embedded database, migrating, creating the demo admin) is waited for; then the demo
// FirstPromoter API stops, the embedded database is closed (flushed), the lock released, and we exit 0, in
// under 10 s. A second Ctrl-C stops waiting for the requests in flight, but still closes the database.
// Run as `node --import tsx` (package.json), never under the `tsx` command: see TSX_IMPORT.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "../lib/db/migrate.ts";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../lib/embedded/start-embedded-postgres.ts";
import { banner } from "./lib/banner.ts";
import { loadOrCreateSecret, loadOrCreateWebhookSecret, lockDataDir, resolveDataDir } from "./lib/data-dir.ts";
import { describeDemoAdmin, loadDemoAdmin } from "./lib/demo-admin.ts";
import { DEMO, countEvents, demoStream, loadDemoData } from "./lib/demo-data.ts";
import { BuildInterrupted, ensureBuild } from "./lib/ensure-build.ts";
import { commissionsFromStream } from "../lib/fake-firstpromoter/seed-from-stream.ts";
import { type FakeServer, serveFakeFirstPromoter } from "../lib/fake-firstpromoter/serve-fake-firstpromoter.ts";
import { isPortFree, portFromEnv, urlForHost } from "./lib/net.ts";
import { SERVER_GRACE_MS, type ServerControl, TSX_IMPORT, onStopSignals } from "./lib/stop-signals.ts";
import { waitForHealth } from "./lib/wait-for-health.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const log = (m: string) => console.log(`[ledger] ${m}`);

type Database = { url: string; secret: string; secretSource: string; description: string; authSecret: string; dataDir?: string };
/** The FirstPromoter API the server is pointed at, when it is the demo one. */
type DemoApi = { url: string; key: string; accountId: string };

// What shutdown() has to stop.
let embedded: Promise<EmbeddedPostgres> | undefined;
let releaseLock: (() => void) | undefined;
let next: ChildProcess | undefined;
let fakeApi: FakeServer | undefined;
let stopping = false;
/**
 * The flag, read through a call: shutdown() sets it from a signal handler while main() awaits, which
 * TypeScript's narrowing cannot see (after `if (stopping) return;` it takes the flag to stay false).
 */
const isStopping = (): boolean => stopping;
/** Aborts what can be cut short: a `next build`, waiting for the server to answer. */
const starting = new AbortController();
/** Steps under way that shutdown() waits for before it closes the database: what they wait for, by step. */
const unfinished = new Map<Promise<unknown>, string>();
/** What shutdown() is waiting for, to answer a second Ctrl-C. */
let waitingFor = "";

async function main(): Promise<void> {
  const port = portFromEnv("PORT", 3000);
  const host = process.env.HOST || process.env.HOSTNAME || "127.0.0.1";
  // Checked first, to fail before the slow steps; next start reports it too if the port is taken later.
  if (!(await isPortFree(port, host))) throw new Error(`port ${port} on ${host} is already in use: stop what runs there, or set PORT`);

  const database = process.env.DATABASE_URL ? externalDatabase(process.env.DATABASE_URL) : await embeddedDatabase();
  if (isStopping()) return;

  const applied = await mustFinish(`the migrations to finish${HALFWAY}`, migrate(database.url, { log: (m) => log(`migrate: ${m}`) }));
  log(applied.length ? `applied ${applied.length} migration(s)` : "database schema is up to date");
  if (isStopping()) return;

  await mustFinish("next build to stop", ensureBuild({ log, signal: starting.signal }));
  if (isStopping()) return;

  const appUrl = urlForHost(host, port);
  const signIn = database.dataDir ? await mustFinish(`the demo admin to be created${HALFWAY}`, demoAdminLines(database.url, database.dataDir)) : [];
  if (isStopping()) return;
  const demoApi = database.dataDir && !process.env.FIRSTPROMOTER_API_KEY ? await startDemoApi(database.dataDir) : null;
  if (isStopping()) return;
  startNext(port, host, database, process.env.LEDGER_URL || appUrl, demoApi);
  await waitForHealth(appUrl, { timeoutMs: 120_000, gaveUp: () => (isStopping() ? "stopping" : hasExited(next) ? "the server exited" : null) });
  if (isStopping()) return;

  console.log(
    banner({
      appUrl,
      database: database.description,
      secretSource: database.secretSource,
      signIn,
      firstPromoterApi: demoApi
        ? `demo FirstPromoter API at ${demoApi.url} (a fake account; set FIRSTPROMOTER_API_KEY to use yours)`
        : process.env.FIRSTPROMOTER_API_KEY
          ? `${process.env.FIRSTPROMOTER_API_URL || "https://api.firstpromoter.com/api/v2/company"} (account ${process.env.FIRSTPROMOTER_ACCOUNT_ID ?? "not set"})`
          : "not connected: approvals are kept but not sent (see Settings)",
      notes: process.env.DATABASE_URL
        ? []
        : ["Embedded mode is for trying Ledger and small installs; the README says how to move to PostgreSQL (DATABASE_URL)."],
    }),
  );
  // After the banner: the app is usable while the demo stream arrives (~20 s on PGlite).
  if (!process.env.DATABASE_URL) await demoData(database, `${appUrl}/api/webhooks/firstpromoter`);
}

function externalDatabase(url: string): Database {
  const secret = process.env.WEBHOOK_SECRET;
  if (!secret) {
    console.error(
      "[ledger] DATABASE_URL is set but WEBHOOK_SECRET is not. With your own PostgreSQL, Ledger needs the webhook secret\n" +
        "[ledger] you configure in FirstPromoter. Set WEBHOOK_SECRET and start again; generate one with\n" +
        `[ledger]   node -e "console.log(require('crypto').randomBytes(24).toString('base64url'))"`,
    );
    process.exit(1);
  }
  const authSecret = process.env.LEDGER_AUTH_SECRET;
  if (!authSecret || authSecret.length < 32) {
    console.error(
      "[ledger] DATABASE_URL is set but LEDGER_AUTH_SECRET is not (at least 32 random characters; it signs session cookies).\n" +
        `[ledger]   generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"\n` +
        "[ledger] Create the first admin with: npm run user:create -- --email you@example.com --role admin",
    );
    process.exit(1);
  }
  return {
    url,
    secret,
    authSecret,
    secretSource: "the WEBHOOK_SECRET environment variable",
    description: `PostgreSQL from DATABASE_URL (${describeUrl(url)})`,
  };
}

async function embeddedDatabase(): Promise<Database> {
  const dataDir = resolveDataDir();
  releaseLock = lockDataDir(dataDir);
  const pgdata = path.join(dataDir, "pgdata");
  const wanted = portFromEnv("LEDGER_DB_PORT", 5433);
  embedded = mustFinish(`the embedded database to open${HALFWAY}`, startOnPort(pgdata, wanted));
  const db = await embedded;
  if (db.port !== wanted) log(`port ${wanted} is taken (set LEDGER_DB_PORT to choose another): the embedded database listens on ${db.port}`);

  const webhook = webhookSecret(dataDir);
  const authSecret = process.env.LEDGER_AUTH_SECRET || loadOrCreateSecret(dataDir, "auth-secret", 32).secret;
  return {
    url: db.url,
    dataDir,
    authSecret,
    secret: webhook.secret,
    secretSource: webhook.source,
    description: `embedded PGlite in ${pgdata}, served on 127.0.0.1:${db.port}`,
  };
}

/** Embedded mode: WEBHOOK_SECRET, else the one kept in the data directory (generated on first start). */
function webhookSecret(dataDir: string): { secret: string; source: string } {
  const fromEnv = process.env.WEBHOOK_SECRET;
  if (fromEnv) return { secret: fromEnv, source: "the WEBHOOK_SECRET environment variable" };
  const stored = loadOrCreateWebhookSecret(dataDir);
  if (stored.created) log(`generated a webhook secret in ${stored.file}`);
  return { secret: stored.secret, source: `${stored.file} (show it with: cat ${shortPath(stored.file)})` };
}

async function startOnPort(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  log(`starting the embedded database (${dataDir})`);
  if (!(await isPortFree(port, "127.0.0.1"))) return startEmbeddedPostgres({ dataDir, port: 0 });
  try {
    return await startEmbeddedPostgres({ dataDir, port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE") throw err;
    return startEmbeddedPostgres({ dataDir, port: 0 }); // taken between the check and the listen
  }
}

/** Embedded mode: the demo admin's credentials, created on an empty database. */
async function demoAdminLines(url: string, dataDir: string): Promise<string[]> {
  const admin = await loadDemoAdmin(url, dataDir);
  return describeDemoAdmin(admin, shortPath(path.join(dataDir, "demo-admin")));
}

/**
 * Embedded mode without an API key: a fake FirstPromoter API on loopback whose commissions are the demo
 * stream's fulfilments (seeded once, then kept in the data folder), so approving in the demo goes the
 * whole way: sent, then confirmed by "FirstPromoter".
 */
async function startDemoApi(dataDir: string): Promise<DemoApi> {
  const key = `demo-${path.basename(dataDir)}-key`;
  const accountId = "demo-account";
  fakeApi = await serveFakeFirstPromoter({ apiKey: key, accountId, answerDelayMs: 800, dataFile: path.join(dataDir, "fake-firstpromoter.json") });
  if (fakeApi.fake.commissions.size === 0) fakeApi.fake.seed(commissionsFromStream(demoStream(), DEMO.seed));
  log(`demo FirstPromoter API on ${fakeApi.url} (${fakeApi.fake.commissions.size} commissions)`);
  return { url: fakeApi.url, key, accountId };
}

function startNext(port: number, host: string, database: Database, publicUrl: string, demoApi: DemoApi | null): void {
  log(`starting the server on ${host}:${port}`);
  // Not under the `tsx` command (TSX_IMPORT says why); an IPC channel to tell it when to stop (waiting).
  next = spawn(process.execPath, [...TSX_IMPORT, "scripts/server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: host,
      LEDGER_URL: publicUrl,
      DATABASE_URL: database.url,
      WEBHOOK_SECRET: database.secret,
      LEDGER_AUTH_SECRET: database.authSecret,
      ...(demoApi ? { FIRSTPROMOTER_API_URL: demoApi.url, FIRSTPROMOTER_API_KEY: demoApi.key, FIRSTPROMOTER_ACCOUNT_ID: demoApi.accountId } : {}),
    },
    stdio: ["inherit", "inherit", "inherit", "ipc"],
  });
  next.on("exit", (code, signal) => {
    // Ctrl-C reaches the server through the terminal's process group too: give our own SIGINT handler a
    // moment to run first. Exit code 0 is a stop it was asked for (e.g. SIGTERM to it alone): stop the rest.
    setTimeout(() => {
      if (isStopping()) return;
      if (code === 0) void shutdown("the server stopped", 0);
      else void shutdown(`the server exited unexpectedly (${signal ?? `exit code ${code}`})`, code ? code : 1);
    }, 300);
  });
}

function tellServer(message: ServerControl): void {
  if (!next?.connected) return;
  try {
    next.send(message);
  } catch {
    // It exited meanwhile: nothing left to tell.
  }
}

async function demoData(database: Database, webhookUrl: string): Promise<void> {
  if (process.env.LEDGER_DEMO === "0") { log("demo data: off (LEDGER_DEMO=0)"); return; }
  try {
    const existing = await mustFinish("a query to finish", countEvents(database.url));
    if (isStopping()) return;
    if (existing > 0) { log(`demo data: skipped, the database already holds ${existing} events`); return; }
    log("demo data: posting a generated stream through the webhook…");
    const summary = await loadDemoData({ webhookUrl, secret: database.secret });
    // Stopping part-way: what arrived is stored; a later start skips the demo as the database is not empty.
    log(isStopping() ? "demo data: cut short by stopping" : `demo data: ${summary}`);
  } catch (err) {
    if (!isStopping()) log(`demo data: not loaded (${err instanceof Error ? err.message : String(err)})`);
  }
}

const HALFWAY = " (stopping halfway could damage the database)";

/** Registers a step that shutdown() waits for before it closes the database (and exits). */
function mustFinish<T>(what: string, step: Promise<T>): Promise<T> {
  unfinished.set(step, what);
  const done = () => void unfinished.delete(step);
  step.then(done, done);
  return step;
}

async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const since = performance.now();
  starting.abort();
  log(`${reason}: stopping`);
  try {
    if (next && !hasExited(next)) {
      waitingFor = "the server's requests in flight";
      log(`stopping the server: it finishes the requests in flight (at most ${SERVER_GRACE_MS / 1000} s; Ctrl-C again to stop waiting)`);
      tellServer({ ledger: "stop" });
      if (!(await exited(next, SERVER_GRACE_MS + 2_000))) {
        log("the server did not stop: killing it");
        next.kill("SIGKILL");
        await exited(next, 2_000);
      }
    }
    waitingFor = "the demo FirstPromoter API to stop";
    await fakeApi?.stop();
    for (const [step, what] of unfinished) {
      waitingFor = what;
      log(`waiting for ${waitingFor}`);
      await step.catch(() => {});
    }
    const db = await embedded?.catch(() => undefined);
    if (db) {
      waitingFor = "the embedded database to close (flushing to disk)";
      log("closing the embedded database (flushing to disk)");
      await db.stop();
    }
  } catch (err) {
    console.error(`[ledger] while stopping: ${err instanceof Error ? err.message : String(err)}`);
    exitCode ||= 1;
  } finally {
    releaseLock?.();
  }
  log(`stopped in ${((performance.now() - since) / 1000).toFixed(1)} s`);
  process.exit(exitCode);
}

/** A second Ctrl-C (or SIGTERM): stop waiting for the requests in flight; the database is still closed. */
function stopWaiting(signal: NodeJS.Signals): void {
  if (next && !hasExited(next)) {
    log(`${signal} again: not waiting for the server's requests in flight (they get no answer, so none is acknowledged); the database is still closed properly`);
    tellServer({ ledger: "stop", force: true });
  } else if (waitingFor) {
    log(`${signal} again: still waiting for ${waitingFor}`);
  }
}

const hasExited = (child: ChildProcess | undefined) => !!child && (child.exitCode !== null || child.signalCode !== null);

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Relative to the current folder when inside it. */
function shortPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/** host:port/database of a connection string, without credentials. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return "unparsable URL";
  }
}

onStopSignals({ first: (signal) => void shutdown(`received ${signal}`, 0), again: stopWaiting });
// Whatever ends this process, the lock goes with it (a lock of a process that is gone is taken over anyway).
process.on("exit", () => releaseLock?.());

main().catch(async (err: unknown) => {
  // Ctrl-C also reaches `next build` (same process group), which then fails: let our own handler run first.
  if (err instanceof BuildInterrupted) await new Promise((r) => setTimeout(r, 300));
  if (isStopping()) return;
  console.error(`[ledger] ${err instanceof Error ? err.message : String(err)}`);
  void shutdown("start failed", 1);
});
