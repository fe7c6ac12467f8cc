// Prisma's schema engine compiled to WebAssembly, driven through adapter-pg: the only way to diff and
// migrate here, because the Prisma CLI needs a native engine binary it cannot download offline (and then
// silently does nothing). See /work/shared/docs/offline-prisma.md.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
} from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

export type { SchemaEngine };

/** No tables or enums are managed outside Prisma. */
export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

/** The path the engine reports in its messages; any name works, there is no file access. */
const SCHEMA_PATH = "schema.prisma";

// The engine reports a Rust panic through this global; without it the panic surfaces as an unrelated
// TypeError. A panic usually ends in an uncaught "RuntimeError: unreachable" that kills the process, so print
// the message now, while it can still be read, and keep it for the error we throw when we get the chance.
let lastPanic: string | null = null;
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message: string) {
    lastPanic = message;
    console.error(`[schema-engine] panic: ${message}`);
  },
};

let loaded = false;

function loadWasm(): void {
  if (loaded) return;
  const bytes = readFileSync(wasmPath());
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  loaded = true;
}

// The package's package.json is not exported, so find the .wasm next to the JS glue. Resolve from the repo
// root first: inside a Next server bundle import.meta.url points into .next/ (still under the repo, so it
// works as the fallback when the process was started elsewhere).
function wasmPath(): string {
  for (const base of [path.join(process.cwd(), "package.json"), import.meta.url]) {
    try {
      return createRequire(base).resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
    } catch {
      // try the next base
    }
  }
  throw new Error("Cannot find @prisma/schema-engine-wasm: is it installed?");
}

/**
 * adapter-pg on a one-connection pool, sending each script as one simple-protocol query.
 * - One connection: the engine takes `pg_advisory_lock(72707369)` with a plain query and never unlocks it,
 *   counting on its session to end. On a bigger pool a second command on the same engine could take it
 *   from another connection and wait on the first. The engine opens no transactions for migrate or diff,
 *   and one connection is all it costs against PGlite's connection limit.
 * - adapter-pg's executeScript splits the script on ";", which breaks function bodies ($$ … ; … $$) and runs
 *   a migration statement by statement. One multi-statement query is an implicit transaction, as with the
 *   native engine: a failing migration leaves nothing half-applied.
 */
function createAdapter(connectionString: string) {
  const pool = new pg.Pool({ connectionString, max: 1 });
  pool.on("error", () => {}); // the server dropping an idle connection must not crash the process
  const factory = new PrismaPg(pool);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    adapter.executeScript = async (script: string) => {
      await pool.query(script).catch(asPostgresError);
    };
    return adapter;
  };
  return { factory: bindMigrationAwareSqlAdapterFactory(factory), close: () => pool.end() };
}

/** Report a server error as Postgres's own message; otherwise the engine shows only "External error id#0". */
function asPostgresError(err: unknown): never {
  if (err instanceof pg.DatabaseError) {
    const { code = "N/A", severity = "N/A", message, detail, column, hint } = err;
    throw new DriverAdapterError({ kind: "postgres", code, severity, message, detail, column, hint });
  }
  throw err;
}

/**
 * The engine cannot be created without an adapter and queries the server version as it starts, so
 * database-free work (schema-to-schema diffs) gets this stand-in: it answers that probe and refuses the rest.
 * The diff output was checked identical to one made connected to PostgreSQL 15.
 */
function createOfflineAdapter() {
  const refuse = (): Promise<never> =>
    Promise.reject(new Error("This schema engine has no database (withSchemaEngine was given no connection string)"));
  const adapter: SqlDriverAdapter = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    queryRaw() {
      return Promise.resolve({
        columnNames: ["exists", "version", "numeric_version"],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, "PostgreSQL 15.0 (no database)", 150000]],
      });
    },
    executeRaw: refuse,
    executeScript: refuse,
    startTransaction: refuse,
    async dispose() {},
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => Promise.resolve(adapter),
    connectToShadowDb: refuse,
  });
  return { factory, close: async () => {} };
}

/**
 * Runs fn with a schema engine for schemaText, connected to connectionString when given (null: no database,
 * enough for schema-to-schema diffs). Frees the engine and closes every connection it opened, also on error:
 * on PGlite a connection left open can block every other client.
 */
export async function withSchemaEngine<T>(
  connectionString: string | null,
  schemaText: string,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  loadWasm();
  const conn = connectionString ? createAdapter(connectionString) : createOfflineAdapter();
  let engine: SchemaEngine | null = null;
  try {
    lastPanic = null;
    engine = await bg.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schemaText]] }, () => {}, conn.factory);
    return await fn(engine);
  } catch (err) {
    throw engineError(err);
  } finally {
    engine?.free();
    await conn.close();
  }
}

/** The SQL that turns fromSchemaText (null: an empty database) into toSchemaText; "" when they match. */
export async function diffSchemas(fromSchemaText: string | null, toSchemaText: string): Promise<string> {
  return withSchemaEngine(null, toSchemaText, async (engine) => {
    const result = await engine.diff({
      from: fromSchemaText === null ? { tag: "empty" } : datamodel(fromSchemaText),
      to: datamodel(toSchemaText),
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    // The engine writes a comment rather than nothing when the schemas match.
    const sql = result.stdout ?? "";
    return sql.trim() === "-- This is an empty migration." ? "" : sql;
  });
}

function datamodel(content: string) {
  return { tag: "schemaDatamodel" as const, files: [{ path: SCHEMA_PATH, content }] };
}

// Engine errors are Errors (with a Prisma code such as P3009 on `code`) whose message ends in a Rust span
// trace. Keep the readable head, and name the migration the trace mentions, if any.
function engineError(err: unknown): Error {
  if (lastPanic) return new Error(`Prisma schema engine panicked: ${lastPanic}`, { cause: err });
  if (!(err instanceof Error)) return new Error(`Prisma schema engine failed: ${String(err)}`, { cause: err });
  const [head = "", trace = ""] = err.message.split(/\n\s+0: /, 2);
  const migration = /migration_name="([^"]+)"/.exec(trace)?.[1];
  const text = head.replace(/^external connector error\n/, "").trim();
  err.message = migration ? `${text} (migration ${migration})` : text;
  return err;
}
