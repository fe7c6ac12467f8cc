// Applies the committed migrations (prisma/migrations/<timestamp>_<name>/migration.sql) with the WASM schema
// engine, recording them in _prisma_migrations exactly as `prisma migrate deploy` would, so a machine with
// the native CLI sees the same history (status, resolve, deploy all keep working).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { MigrationDirectory } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { NO_FILTERS, withSchemaEngine } from "./schema-engine.ts";

export const LOCKFILE = "migration_lock.toml";
/** The schema.prisma the last generated migration was made from (written by scripts/db-migration.ts). */
export const SNAPSHOT_FILE = "schema.snapshot.prisma";

// applyMigrations needs only the provider: migrations are SQL, and a deployed app may ship no schema.prisma.
const DATAMODEL = 'datasource db {\n  provider = "postgresql"\n}\n';

// Ours, not Prisma's 72707369: the engine takes that one on its own connection while we hold this one.
// Exported for the test that holds it to prove other migrators wait.
export const MIGRATE_LOCK_KEY = 5_043_728_201;

export type MigrateOptions = { migrationsDir?: string; log?: (msg: string) => void };

/**
 * Applies pending migrations and returns their names ([] when the database is up to date).
 * Safe to call from several instances at once: they take turns under a Postgres advisory lock, and the
 * later ones find nothing left to apply.
 */
export async function migrate(connectionString: string, opts: MigrateOptions = {}): Promise<string[]> {
  const dir = opts.migrationsDir ?? migrationsDir();
  const log = opts.log ?? (() => {});
  const migrations = listMigrations(dir);
  const lockfile = path.join(dir, LOCKFILE);

  return serializeInProcess(() =>
    withAdvisoryLock(connectionString, log, async () => {
      const { appliedMigrationNames } = await withSchemaEngine(connectionString, DATAMODEL, (engine) =>
        engine.applyMigrations({
          migrationsList: {
            baseDir: dir,
            // The engine refuses (P3019) a lockfile naming another provider; a missing one is accepted.
            lockfile: { path: LOCKFILE, content: existsSync(lockfile) ? readFileSync(lockfile, "utf8") : null },
            shadowDbInitScript: "",
            migrationDirectories: migrations,
          },
          filters: NO_FILTERS,
        }),
      );
      for (const name of appliedMigrationNames) log(`applied ${name}`);
      return appliedMigrationNames;
    }),
  );
}

/**
 * prisma/migrations of the repo we run in. `npm run`, vitest and `next start` all start in the repo root;
 * looking upwards also covers a script started from a subfolder. (Not import.meta.url or __dirname: inside a
 * Next server bundle they point into .next/, and which one exists depends on the module format.)
 */
export function migrationsDir(from = process.cwd()): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const prisma = path.join(dir, "prisma");
    if (existsSync(path.join(prisma, "migrations")) || existsSync(path.join(prisma, "schema.prisma"))) {
      return path.join(prisma, "migrations");
    }
    if (path.dirname(dir) === dir) return path.resolve(from, "prisma", "migrations");
  }
}

/** Every <timestamp>_<name>/migration.sql under dir, oldest first (the engine applies them in this order). */
export function listMigrations(dir: string): MigrationDirectory[] {
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!existsSync(file)) throw new Error(`Migration ${name} has no migration.sql (${file})`);
      const content = { tag: "ok" as const, value: readFileSync(file, "utf8") };
      return { path: name, migrationFile: { path: "migration.sql", content } };
    });
}

/**
 * Holds a session advisory lock on a connection of its own for the duration of fn, so that instances
 * starting together migrate one after the other. The lock goes with the session, so a crashed migrator
 * never leaves it behind.
 */
async function withAdvisoryLock<T>(
  connectionString: string,
  log: (msg: string) => void,
  fn: () => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString });
  client.on("error", () => {}); // a dropped connection surfaces as the failing query below instead
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      MIGRATE_LOCK_KEY,
    ]);
    if (!rows[0]?.locked) {
      log("another instance is migrating this database; waiting for it to finish");
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK_KEY]);
    }
    try {
      return await fn();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATE_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

// pglite-socket runs every client in one Postgres session, and advisory locks are per session: there the
// lock above never makes anyone wait. Queue the calls made in this process (where an embedded PGlite and
// its migrator live) so concurrent calls still take turns. Kept on globalThis to survive dev hot reloads.
const queue = globalThis as unknown as { ledgerMigrateQueue?: Promise<unknown> };

function serializeInProcess<T>(fn: () => Promise<T>): Promise<T> {
  const run = (queue.ledgerMigrateQueue ?? Promise.resolve()).then(fn, fn);
  queue.ledgerMigrateQueue = run.catch(() => {});
  return run;
}
