// vitest globalSetup: runs once, in the main process, before any worker starts.
//
// Embedded mode only: initdb inside PGlite takes 3-10 s, and the migrations a few more. Do both once,
// save snapshots of the cluster (blank, and migrated when the migrations apply), and let
// createTestDatabase() start every test database from one in under a second. Workers inherit the
// snapshot paths through the environment. Snapshots are cached in node_modules/.cache, named after the
// PGlite version and the migrations' content, so later runs skip this step.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { listMigrations, migrate, migrationsDir } from "@/lib/db/migrate.ts";
import { startEmbeddedPostgres } from "@/lib/embedded/start-embedded-postgres.ts";
import { TEMPLATE_ENV } from "./database.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CACHE_DIR = path.join(ROOT, "node_modules/.cache/ledger-test-pglite");

export default async function setup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;

  const version = pgliteVersion();
  const blank = path.join(CACHE_DIR, `blank-${version}.tar`);
  const migrationsKey = migrationsHash();
  const migrated = migrationsKey && path.join(CACHE_DIR, `migrated-${version}-${migrationsKey}.tar`);

  if (!existsSync(blank) || (migrated && !existsSync(migrated))) {
    await mkdir(CACHE_DIR, { recursive: true });
    await pruneCache([blank, migrated]);
    const server = await startEmbeddedPostgres({ dataDir: "memory://", port: 0 });
    try {
      await save(blank, await server.dumpDataDir());
      if (migrated) {
        await migrate(server.url);
        await save(migrated, await server.dumpDataDir());
      }
    } catch (err) {
      // Not fatal here: tests that need migrations run them themselves and report the failure there.
      console.warn(`[test] could not prepare a migrated PGlite snapshot: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      await server.stop();
    }
  }

  if (existsSync(blank)) process.env[TEMPLATE_ENV.blank] = blank;
  if (migrated && existsSync(migrated)) process.env[TEMPLATE_ENV.migrated] = migrated;
}

/** A snapshot only loads into the PGlite version that wrote it. (Its package.json is not exported.) */
function pgliteVersion(): string {
  let dir = path.dirname(createRequire(path.join(ROOT, "package.json")).resolve("@electric-sql/pglite"));
  while (!existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
}

/** Changes whenever a migration is added or edited; null when there is no migrations folder. */
function migrationsHash(): string | null {
  try {
    return createHash("sha256").update(JSON.stringify(listMigrations(migrationsDir(ROOT)))).digest("hex").slice(0, 16);
  } catch {
    return null;
  }
}

// Write then rename: a concurrent run never reads a half-written snapshot.
async function save(file: string, blob: Blob): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, Buffer.from(await blob.arrayBuffer()));
  await rename(partial, file);
}

/** Snapshots of older PGlite versions or migrations are ~40 MB each: keep only the current ones. */
async function pruneCache(keep: (string | null)[]): Promise<void> {
  for (const name of await readdir(CACHE_DIR)) {
    const file = path.join(CACHE_DIR, name);
    if (!keep.includes(file) && name.endsWith(".tar")) await rm(file, { force: true });
  }
}
