import { EMBEDDED_URL_FLAG } from "@/lib/db/pool.ts";
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedPostgres = {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** A snapshot of the whole cluster, to pass as `loadDataDir` to later instances. */
  dumpDataDir(): Promise<Blob>;
};

/**
 * Postgres without a Postgres install: PGlite (Postgres compiled to WASM) persisted in `dataDir`, served
 * over TCP by pglite-socket so pg, Prisma's adapter-pg and psql connect as to any server.
 *
 * PGlite is a single database behind one connection: the socket server multiplexes clients and runs one
 * query at a time, and a transaction holds everyone else until it ends. Any user and database name in the
 * URL is accepted and lands in that same database, so isolated databases need separate instances.
 */
export async function startEmbeddedPostgres(opts: {
  /** A folder (created if missing) or "memory://" for a throwaway database. */
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /**
   * The server refuses (not queues) connections beyond this, and pg-pool treats that as a failed query,
   * so it must exceed the sum of every pool that connects (app, migrator, scripts). Default 40.
   */
  maxConnections?: number;
  /**
   * Start from a dumpDataDir() snapshot instead of running initdb: under 1 s instead of 3-10 s, which is
   * what makes a fresh database per test affordable. For memory:// or an empty folder (PGlite throws
   * "Database already exists" when the folder holds a cluster).
   */
  loadDataDir?: Blob;
}): Promise<EmbeddedPostgres> {
  const host = opts.host ?? "127.0.0.1";
  if (!opts.dataDir.includes("://")) await mkdir(opts.dataDir, { recursive: true });

  const db = await PGlite.create({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir });
  const server = new PGLiteSocketServer({
    db,
    host,
    port: opts.port ?? 0,
    maxConnections: opts.maxConnections ?? 40,
  });
  try {
    await server.start();
  } catch (err) {
    await db.close(); // e.g. port in use: don't leave the folder open
    throw err;
  }

  // start() resolves after listen(), when getServerConn() holds the real port (matters for port 0).
  const port = Number(server.getServerConn().split(":").pop());
  // sslmode=disable: the socket server answers SSLRequest with "N"; saying so spares clients the probe.
  // ledger_embedded=1: lib/db/pool.ts then uses a single connection (see EMBEDDED_URL_FLAG there).
  const url = `postgresql://postgres@${host}:${port}/postgres?sslmode=disable&${EMBEDDED_URL_FLAG}=1`;

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    stop() {
      // Idempotent: test teardown and signal handlers may both call it.
      stopping ??= (async () => {
        // Closes client sockets (rolling back any open transaction) and waits for them to go away,
        // then close() checkpoints and flushes the data folder.
        await server.stop();
        if (!db.closed) await db.close();
      })();
      return stopping;
    },
    async dumpDataDir() {
      // Flush shared buffers first so the snapshot holds every committed change in the data files.
      await db.exec("CHECKPOINT");
      return db.dumpDataDir("none");
    },
  };
}
