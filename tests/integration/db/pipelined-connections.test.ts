// lib/db/pipelined-connections.ts: the webhook's shared pipelined connections. Each statement stays its
// own transaction (one failing fails alone), statements of one turn share a socket write, a dropped
// connection fails only what was in flight on it and the next statement reconnects.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { PipelinedConnections } from "@/lib/db/pipelined-connections.ts";
import { clientConfig, createPool, pipelineOf } from "@/lib/db/pool.ts";
import { type TestDatabase, createTestDatabase } from "../../helpers/database.ts";
import { onRealPostgres } from "../webhook/helpers.ts";

let db: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  pool = createPool(db.url, { max: 2 });
  await pool.query("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

function connections(size: number, maxInFlight?: number): PipelinedConnections {
  return new PipelinedConnections(clientConfig(db.url), size, maxInFlight);
}

const INSERT = "INSERT INTO t (id, v) VALUES ($1, $2) RETURNING id";
/** Named, like the ingest statements (parsed once per connection, then only bound). */
const insert = (id: number, v: string | null) => ({ name: "t_insert", text: INSERT, values: [id, v] });

describe("PipelinedConnections", () => {
  it("runs concurrent statements back to back, each its own transaction: one failing fails alone", async () => {
    const pipe = connections(1);
    try {
      await pool.query("TRUNCATE t");
      const results = await Promise.allSettled([insert(1, "a"), insert(2, null), insert(3, "c"), insert(1, "dup"), insert(4, "d")].map((q) => pipe.query(q)));
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected", "fulfilled"]);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: "23502" }); // not null
      expect((results[3] as PromiseRejectedResult).reason).toMatchObject({ code: "23505" }); // unique
      expect((await pool.query("SELECT id, v FROM t ORDER BY id")).rows).toEqual([
        { id: 1, v: "a" },
        { id: 3, v: "c" },
        { id: 4, v: "d" },
      ]);
    } finally {
      await pipe.end();
    }
  });

  it("holds statements beyond maxInFlight in memory and still answers every one", async () => {
    // Unnamed: embedded PGlite serves every connection from one session, where a name exists once.
    const pipe = connections(2, 3);
    try {
      await pool.query("TRUNCATE t");
      const ids = Array.from({ length: 40 }, (_, i) => i + 1);
      const answered = await Promise.all(ids.map((id) => pipe.query<{ id: number }>({ text: INSERT, values: [id, `v${id}`] })));
      expect(answered.map((r) => r.rows[0]?.id)).toEqual(ids);
      expect((await pool.query("SELECT count(*)::int AS n FROM t")).rows[0]).toEqual({ n: 40 });
    } finally {
      await pipe.end();
    }
  });

  it("refuses statements after end()", async () => {
    const pipe = connections(1);
    await pipe.query({ text: "SELECT 1" });
    await pipe.end();
    await expect(pipe.query({ text: "SELECT 1" })).rejects.toSatisfy(isDatabaseUnavailable);
  });

  it.skipIf(!onRealPostgres)("a dropped connection fails what was in flight as 'unavailable'; the next statement reconnects", async () => {
    const pipe = connections(1);
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const { rows } = await pipe.query<{ pid: number }>({ text: "SELECT pg_backend_pid() AS pid" });
      const pid = rows[0]?.pid;
      const inFlight = pipe.query({ text: "SELECT pg_sleep(5)" });
      await new Promise((r) => setTimeout(r, 200));
      await pool.query("SELECT pg_terminate_backend($1)", [pid]);
      await expect(inFlight).rejects.toSatisfy(isDatabaseUnavailable);
      const again = await pipe.query<{ pid: number }>({ text: "SELECT pg_backend_pid() AS pid" });
      expect(again.rows[0]?.pid).not.toBe(pid);
    } finally {
      error.mockRestore();
      await pipe.end();
    }
  });

  it("createPool gives the webhook pipelined connections on a Postgres server, none in embedded mode", () => {
    expect(pipelineOf(pool) !== undefined).toBe(onRealPostgres);
  });
});
