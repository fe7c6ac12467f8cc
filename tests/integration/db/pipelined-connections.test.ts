// lib/db/pipelined-connections.ts: the webhook's shared pipelined connections with group commit. Statements
// issued together commit as one transaction, yet one failing statement fails alone; a dropped connection
// fails the batch in flight without keeping any of it, and the next statement reconnects.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { PipelinedConnections } from "@/lib/db/pipelined-connections.ts";
import { type LedgerPool, clientConfig, createPool } from "@/lib/db/pool.ts";
import { type TestDatabase, createTestDatabase } from "../../helpers/database.ts";
import { onRealPostgres } from "../webhook/helpers.ts";

let db: TestDatabase;
let pool: LedgerPool;

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  pool = createPool(db.url, { max: 2 });
  await pool.query("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

function connections(size: number, maxBatch?: number): PipelinedConnections {
  return new PipelinedConnections(clientConfig(db.url), size, maxBatch);
}

/** One pipelined connection whose backend the test kills: console.error (the client's 'error' log) is silenced. */
async function withDroppedConnection(test: (pipe: PipelinedConnections, backendPid: () => Promise<number | undefined>) => Promise<void>) {
  const pipe = connections(1);
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    await test(pipe, async () => (await pipe.query<{ pid: number }>({ text: "SELECT pg_backend_pid() AS pid" })).rows[0]?.pid);
  } finally {
    error.mockRestore();
    await pipe.end();
  }
}

/** Kills a backend once what was sent to it is under way. */
async function terminateAfter(ms: number, pid: number | undefined): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  await pool.query("SELECT pg_terminate_backend($1)", [pid]);
}

/** The error a query was rejected with (a handler attached at once), or a failure if it succeeded. */
const settle = (q: Promise<unknown>): Promise<unknown> => q.then(() => new Error("expected a rejection"), (err: unknown) => err);

const INSERT = "INSERT INTO t (id, v) VALUES ($1, $2) RETURNING id";
/** Named, like the ingest statements (parsed once per connection, then only bound). */
const insert = (id: number, v: string | null) => ({ name: "t_insert", text: INSERT, values: [id, v] });

describe("PipelinedConnections", () => {
  it("commits statements issued together as one transaction (one WAL flush), a lone statement on its own", async () => {
    const pipe = connections(1);
    try {
      const xid = (q: Promise<pg.QueryResult<{ x: string }>>) => q.then((r) => r.rows[0]?.x);
      const together = await Promise.all(Array.from({ length: 5 }, () => xid(pipe.query({ text: "SELECT txid_current()::text AS x" }))));
      expect(new Set(together).size).toBe(1);
      const first = await xid(pipe.query({ text: "SELECT txid_current()::text AS x" }));
      const second = await xid(pipe.query({ text: "SELECT txid_current()::text AS x" }));
      expect(new Set([first, second, together[0]]).size).toBe(3);
      // Alone means no transaction block: the statement is its transaction's first and only one.
      const alone = await pipe.query<{ same: boolean }>({ text: "SELECT now() = statement_timestamp() AS same" });
      expect(alone.rows[0]?.same).toBe(true);
    } finally {
      await pipe.end();
    }
  });

  it("runs concurrent statements in one batch, yet one failing fails alone and the others are kept", async () => {
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

  it("splits statements beyond maxBatch into further batches and answers every one", async () => {
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

  it("refuses statements after end(), and those still waiting when it was called (no new connection)", async () => {
    const pipe = connections(1);
    await pipe.query({ text: "SELECT 1" });
    // Sent only after this turn of the event loop; its rejection is awaited from the start (no unhandled rejection).
    const waiting = expect(pipe.query({ text: "SELECT 1" })).rejects.toSatisfy(isDatabaseUnavailable);
    await pipe.end();
    await waiting;
    await expect(pipe.query({ text: "SELECT 1" })).rejects.toSatisfy(isDatabaseUnavailable);
  });

  it.skipIf(!onRealPostgres)("a dropped connection fails what was in flight as 'unavailable'; the next statement reconnects", () =>
    withDroppedConnection(async (pipe, backendPid) => {
      const pid = await backendPid();
      // Settled results are collected from the start: the rejection may come before the terminate call returns.
      const inFlight = settle(pipe.query({ text: "SELECT pg_sleep(5)" }));
      await terminateAfter(200, pid);
      expect(await inFlight).toSatisfy(isDatabaseUnavailable);
      expect(await backendPid()).not.toBe(pid);
    }));

  it.skipIf(!onRealPostgres)("two batches locking rows in opposite orders: one gives way within its lock timeout, every statement succeeds", async () => {
    // A deadlock Postgres would only break after deadlock_timeout (1 s); the batch lock timeout (100 ms) ends it sooner.
    const [a, b] = [connections(1), connections(1)];
    try {
      await pool.query("TRUNCATE t");
      await pool.query("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
      const update = (id: number, v: string) => ({ text: "UPDATE t SET v = $2 WHERE id = $1 RETURNING id", values: [id, v] });
      const nap = { text: "SELECT pg_sleep(0.2)" };
      const started = performance.now();
      const batches = [
        [a.query(update(1, "a1")), a.query(nap), a.query(update(2, "a2"))],
        [b.query(update(2, "b2")), b.query(nap), b.query(update(1, "b1"))],
      ];
      const results = await Promise.allSettled(batches.flat());
      expect(results.map((r) => r.status)).toEqual(Array(6).fill("fulfilled"));
      expect(performance.now() - started).toBeLessThan(950);
      // Every update was applied (the batch that gave way reran its statements one by one, each its own
      // transaction, so which update of a row came last depends on timing).
      const { rows } = await pool.query<{ v: string }>("SELECT v FROM t ORDER BY id");
      expect(["a1", "b1"]).toContain(rows[0]?.v);
      expect(["a2", "b2"]).toContain(rows[1]?.v);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it.skipIf(!onRealPostgres)("a connection dropped mid-batch fails the whole batch as 'unavailable' and keeps none of it", () =>
    withDroppedConnection(async (pipe, backendPid) => {
      await pool.query("TRUNCATE t");
      const pid = await backendPid();
      const batch = [pipe.query(insert(10, "before")), pipe.query({ text: "SELECT pg_sleep(5)" }), pipe.query(insert(11, "after"))].map(settle);
      await terminateAfter(300, pid);
      for (const q of batch) expect(await q).toSatisfy(isDatabaseUnavailable);
      // Row 10 was inserted inside the batch's transaction before the drop: rolled back with it.
      expect((await pool.query("SELECT count(*)::int AS n FROM t")).rows[0]).toEqual({ n: 0 });
      await expect(pipe.query(insert(12, "next"))).resolves.toMatchObject({ rowCount: 1 });
    }));

  it.skipIf(!onRealPostgres)("statements rerun one by one each get their own answer, also when the connection drops among them", () =>
    withDroppedConnection(async (pipe, backendPid) => {
      await pool.query("TRUNCATE t");
      const pid = await backendPid();
      // The NULL fails the batch; its statements then run one by one, and the backend is killed during the sleep.
      const outcomes = Promise.allSettled([pipe.query(insert(20, "kept")), pipe.query(insert(21, null)), pipe.query({ text: "SELECT pg_sleep(5)" })]);
      await terminateAfter(300, pid);
      const [kept, refused, lost] = await outcomes;
      expect(kept?.status).toBe("fulfilled"); // committed on its own before the drop: answered as stored
      expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: "23502" });
      expect((lost as PromiseRejectedResult).reason).toSatisfy(isDatabaseUnavailable);
      expect((await pool.query("SELECT id FROM t")).rows).toEqual([{ id: 20 }]);
    }));

  it("createPool gives the webhook pipelined connections on a Postgres server, none in embedded mode", () => {
    expect(pool.pipeline !== null).toBe(onRealPostgres);
  });
});
