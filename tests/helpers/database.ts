import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { migrate } from "@/lib/db/migrate.ts";
import { startEmbeddedPostgres } from "@/lib/embedded/start-embedded-postgres.ts";

export type TestDatabase = { url: string; drop: () => Promise<void> };

/** Cluster snapshots made once per run by tests/helpers/global-setup.ts (embedded mode only). */
export const TEMPLATE_ENV = { blank: "LEDGER_TEST_PGLITE_BLANK", migrated: "LEDGER_TEST_PGLITE_MIGRATED" } as const;

/**
 * A fresh, empty database for one test file (or one test), migrated unless `migrate: false`.
 *
 * - TEST_DATABASE_URL set (a real server, e.g. postgresql://postgres@127.0.0.1:5432/test): a uniquely
 *   named database is created on that server; drop() removes it, ending any connection still open.
 * - Otherwise: an in-memory PGlite on a free port; drop() stops it. PGlite serves every database name
 *   from the same data, so each test database is its own instance. Under vitest it starts from a snapshot
 *   taken by global-setup.ts, already migrated when that applies (the same state migrate() produces).
 *
 * DATABASE_URL is deliberately never read: it is the developer's real data.
 */
export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const wantMigrated = opts.migrate ?? true;
  const db = serverUrl ? await createOnServer(serverUrl) : await createEmbedded(wantMigrated);
  if (wantMigrated && !db.migrated) {
    try {
      await migrate(db.url);
    } catch (err) {
      await db.drop();
      throw err;
    }
  }
  return { url: db.url, drop: db.drop };
}

async function createEmbedded(wantMigrated: boolean): Promise<TestDatabase & { migrated: boolean }> {
  const migratedTemplate = wantMigrated ? process.env[TEMPLATE_ENV.migrated] : undefined;
  const template = migratedTemplate ?? process.env[TEMPLATE_ENV.blank];
  const loadDataDir = template ? new Blob([await readFile(template)]) : undefined;
  const server = await startEmbeddedPostgres({ dataDir: "memory://", port: 0, loadDataDir });
  return { url: server.url, drop: () => server.stop(), migrated: migratedTemplate !== undefined };
}

async function createOnServer(serverUrl: string): Promise<TestDatabase & { migrated: boolean }> {
  // Random suffix: parallel workers (and leftovers from killed runs) never collide.
  const name = `ledger_t_${randomBytes(6).toString("hex")}`;
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    migrated: false,
    drop: () => {
      // FORCE terminates connections a test left open (a leaked pool would otherwise block the drop).
      dropped ??= withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      );
      return dropped;
    },
  };
}

async function withAdmin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
