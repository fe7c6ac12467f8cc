// The committed migrations are the only way a database gets its schema, so they must build exactly what
// prisma/schema.prisma (plus the hand-written migrations) describes, apply once, and survive two
// instances migrating at the same time.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { describeCatalog } from "@/lib/db/catalog.ts";
import { listMigrations, migrate, MIGRATE_LOCK_KEY, migrationsDir, SNAPSHOT_FILE } from "@/lib/db/migrate.ts";
import { diffSchemas } from "@/lib/db/schema-engine.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

const MIGRATIONS = migrationsDir();
const SCHEMA = readFileSync(path.join(MIGRATIONS, "..", "schema.prisma"), "utf8");
const ALL = listMigrations(MIGRATIONS).map((m) => m.path);

const databases: TestDatabase[] = [];
afterAll(() => Promise.all(databases.map((db) => db.drop())));

async function fresh(opts: { migrate: boolean }): Promise<string> {
  const db = await createTestDatabase(opts);
  databases.push(db);
  return db.url;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Only the lines that differ, so a failure names the drifted objects instead of two 300-line dumps. */
function driftReport(migrated: string, expected: string): string {
  const a = migrated.split("\n");
  const b = expected.split("\n");
  const onlyA = a.filter((line) => !b.includes(line)).map((line) => `  migrations only:    ${line}`);
  const onlyB = b.filter((line) => !a.includes(line)).map((line) => `  schema.prisma only: ${line}`);
  const title = "the committed migrations drifted from schema.prisma + hand-written migrations:";
  return [title, ...onlyA, ...onlyB].join("\n");
}

describe("committed migrations", () => {
  it("exist, and their snapshot is the current schema.prisma (db:migration would write nothing)", async () => {
    expect(ALL.length).toBeGreaterThan(0);
    const snapshot = readFileSync(path.join(MIGRATIONS, SNAPSHOT_FILE), "utf8");
    const pending = await diffSchemas(snapshot, SCHEMA);
    const hint = "schema.prisma changed without a migration: run npm run db:migration -- <name>";
    expect(pending, `${hint}\n${pending}`).toBe("");
  });

  it("build the same schema as schema.prisma plus the hand-written migrations, and apply only once", async () => {
    const migrated = await fresh({ migrate: true }); // createTestDatabase runs migrate()
    expect(await migrate(migrated)).toEqual([]);

    const expected = await fresh({ migrate: false });
    await withClient(expected, async (client) => {
      await client.query(await diffSchemas(null, SCHEMA));
      for (const m of listMigrations(MIGRATIONS)) {
        const sql = m.migrationFile.content.value;
        if (sql.startsWith("-- hand-written")) await client.query(sql);
      }
    });

    const [a, b] = await Promise.all([describeCatalog(migrated), describeCatalog(expected)]);
    expect(a).toContain("## tables\n"); // a broken catalog query must not make both sides equally empty
    expect(b, driftReport(a, b)).toBe(a);
  });

  it("are applied by exactly one of two migrate() calls started together", async () => {
    const url = await fresh({ migrate: false });
    const results = await Promise.all([migrate(url), migrate(url)]);
    expect(results.map((names) => names.length).sort()).toEqual([0, ALL.length]);
    expect(results.flat()).toEqual(ALL);
  });

  // pglite-socket serves every client from one Postgres session, where advisory locks never make anyone
  // wait: there only migrate()'s in-process queue (tested above) orders migrators.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "make a migrator in another process wait for the advisory lock",
    async () => {
      const url = await fresh({ migrate: false });
      await withClient(url, async (holder) => {
        await holder.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK_KEY]);
        const child = runDbMigrate(url);
        const inProcess = migrate(url);
        // Both wait on the lock we hold; neither has touched the database yet.
        await waitFor(async () => (await countLockWaiters(holder)) === 2);
        await holder.query("SELECT pg_advisory_unlock($1)", [MIGRATE_LOCK_KEY]);

        const [applied, script] = await Promise.all([inProcess, child]);
        expect(script.code, script.output).toBe(0);
        const scriptApplied = !script.output.includes("is up to date");
        expect([applied.length > 0, scriptApplied].sort()).toEqual([false, true]);
        if (applied.length > 0) expect(applied).toEqual(ALL);
      });
    },
  );
});

async function countLockWaiters(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_locks
      WHERE locktype = 'advisory' AND NOT granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  return rows[0]?.n ?? 0;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for both migrators to queue on the lock");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `npm run db:migrate` in a child process: another instance, with its own in-process queue. */
function runDbMigrate(url: string): Promise<{ code: number | null; output: string }> {
  const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
  const child = spawn(process.execPath, [tsx, "--conditions=react-server", "scripts/db-migrate.ts"], {
    env: { ...process.env, DATABASE_URL: url },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}
