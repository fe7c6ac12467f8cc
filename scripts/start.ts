// `npm start`: Ledger in production mode.
//  - DATABASE_URL unset → embedded mode: PGlite in .ledger/pgdata (LEDGER_DATA_DIR overrides) served on
//    127.0.0.1:LEDGER_DB_PORT (default 5433), a webhook secret generated once into .ledger/webhook-secret,
//    demo data in an empty database (LEDGER_DEMO=0 turns it off).
//  - DATABASE_URL set → that PostgreSQL, no demo data, WEBHOOK_SECRET required.
//    Without FIRSTPROMOTER_API_KEY it also starts a demo FirstPromoter API (lib/fake-firstpromoter/) on a
//    free local port, its account kept in .ledger/fake-firstpromoter.json, and connects Ledger to it.
// Then: migrations, `next build` if the build is stale, the server (scripts/server.ts: Next's handler
// behind a Node HTTP server that sets the client IP), wait for /api/health, print the URLs and sign-in.
// SIGINT/SIGTERM stop next, then the embedded database (flushed), and exit 0.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "../lib/db/migrate.ts";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../lib/embedded/start-embedded-postgres.ts";
import { banner } from "./lib/banner.ts";
import { loadOrCreateSecret, loadOrCreateWebhookSecret, lockDataDir, resolveDataDir } from "./lib/data-dir.ts";
import { ensureDemoAdmin } from "./lib/demo-admin.ts";
import { DEMO, countEvents, loadDemoData } from "./lib/demo-data.ts";
import { ensureBuild } from "./lib/ensure-build.ts";
import { commissionsFromStream } from "../lib/fake-firstpromoter/seed-from-stream.ts";
import { type FakeServer, serveFakeFirstPromoter } from "../lib/fake-firstpromoter/serve-fake-firstpromoter.ts";
import { generateStream } from "../lib/simulator/generate-stream.ts";
import { isPortFree, portFromEnv, urlForHost } from "./lib/net.ts";
import { waitForHealth } from "./lib/wait-for-health.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const TSX_BIN = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
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

async function main(): Promise<void> {
  const port = portFromEnv("PORT", 3000);
  const host = process.env.HOST || process.env.HOSTNAME || "127.0.0.1";
  // Checked first, to fail before the slow steps; next start reports it too if the port is taken later.
  if (!(await isPortFree(port, host))) throw new Error(`port ${port} on ${host} is already in use: stop what runs there, or set PORT`);

  const database = process.env.DATABASE_URL ? externalDatabase(process.env.DATABASE_URL) : await embeddedDatabase();
  if (stopping) return;

  const applied = await migrate(database.url, { log: (m) => log(`migrate: ${m}`) });
  log(applied.length ? `applied ${applied.length} migration(s)` : "database schema is up to date");
  if (stopping) return;

  await ensureBuild({ log });
  if (stopping) return;

  const appUrl = urlForHost(host, port);
  const signIn = database.dataDir ? await demoAdminLines(database) : [];
  const demoApi = database.dataDir && !process.env.FIRSTPROMOTER_API_KEY ? await startDemoApi(database.dataDir) : null;
  if (stopping) return;
  startNext(port, host, database, process.env.LEDGER_URL || appUrl, demoApi);
  await waitForHealth(appUrl, { timeoutMs: 120_000, gaveUp: () => (hasExited(next) ? "the server exited" : null) });
  if (stopping) return;

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
  embedded = startOnPort(pgdata, wanted);
  const db = await embedded;
  if (db.port !== wanted) log(`port ${wanted} is taken (set LEDGER_DB_PORT to choose another): the embedded database listens on ${db.port}`);

  const fromEnv = process.env.WEBHOOK_SECRET;
  const stored = fromEnv ? null : loadOrCreateWebhookSecret(dataDir);
  if (stored?.created) log(`generated a webhook secret in ${stored.file}`);
  const authSecret = process.env.LEDGER_AUTH_SECRET || loadOrCreateSecret(dataDir, "auth-secret", 32).secret;
  return {
    url: db.url,
    dataDir,
    authSecret,
    secret: fromEnv ?? stored!.secret,
    secretSource: stored ? `${stored.file} (show it with: cat ${shortPath(stored.file)})` : "the WEBHOOK_SECRET environment variable",
    description: `embedded PGlite in ${pgdata}, served on 127.0.0.1:${db.port}`,
  };
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
async function demoAdminLines(database: Database): Promise<string[]> {
  const creds = await ensureDemoAdmin(database.url, database.dataDir!);
  if (!creds) return ["no demo admin (removed); create users with npm run user:create"];
  return [`${creds.email} / ${creds.password}  (demo admin, kept in ${shortPath(path.join(database.dataDir!, "demo-admin"))})`];
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
  if (fakeApi.fake.commissions.size === 0) fakeApi.fake.seed(commissionsFromStream(generateStream({ seed: DEMO.seed, events: DEMO.events }), DEMO.seed));
  log(`demo FirstPromoter API on ${fakeApi.url} (${fakeApi.fake.commissions.size} commissions)`);
  return { url: fakeApi.url, key, accountId };
}

function startNext(port: number, host: string, database: Database, publicUrl: string, demoApi: DemoApi | null): void {
  log(`starting the server on ${host}:${port}`);
  next = spawn(process.execPath, [TSX_BIN, "scripts/server.ts"], {
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
    stdio: "inherit",
  });
  next.on("exit", (code, signal) => {
    // Ctrl+C reaches next through the terminal's process group too: give our own SIGINT handler a moment to
    // run first, so an ordinary shutdown isn't mistaken for a crash.
    setTimeout(() => {
      if (!stopping) void shutdown(`the server exited unexpectedly (${signal ?? `exit code ${code}`})`, code ? code : 1);
    }, 300);
  });
}

async function demoData(database: Database, webhookUrl: string): Promise<void> {
  if (process.env.LEDGER_DEMO === "0") return log("demo data: off (LEDGER_DEMO=0)");
  try {
    const existing = await countEvents(database.url);
    if (existing > 0) return log(`demo data: skipped, the database already holds ${existing} events`);
    log("demo data: posting a generated stream through the webhook…");
    log(`demo data: ${await loadDemoData({ webhookUrl, secret: database.secret })}`);
  } catch (err) {
    log(`demo data: not loaded (${err instanceof Error ? err.message : String(err)})`);
  }
}

async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${reason}: shutting down`);
  try {
    if (next && !hasExited(next)) {
      next.kill("SIGTERM");
      if (!(await exited(next, 10_000))) {
        log("next did not stop within 10 s: killing it");
        next.kill("SIGKILL");
        await exited(next, 5_000);
      }
    }
    await fakeApi?.stop();
    const db = await embedded?.catch(() => undefined);
    if (db) {
      log("stopping the embedded database (flushing to disk)");
      await db.stop();
    }
  } catch (err) {
    console.error(`[ledger] while shutting down: ${err instanceof Error ? err.message : String(err)}`);
    exitCode ||= 1;
  } finally {
    releaseLock?.();
  }
  log("stopped");
  process.exit(exitCode);
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

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return log(`${signal}: already shutting down (waiting for the database to flush)`);
    void shutdown(`received ${signal}`, 0);
  });
}

main().catch((err: unknown) => {
  if (stopping) return;
  console.error(`[ledger] ${err instanceof Error ? err.message : String(err)}`);
  void shutdown("start failed", 1);
});
