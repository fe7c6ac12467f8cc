// Smoke test of the database plumbing every other test relies on: the embedded server (npm start's
// default) and createTestDatabase in whichever mode this run uses (TEST_DATABASE_URL or embedded).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/embedded/start-embedded-postgres.ts";
import { createTestDatabase, TEMPLATE_ENV } from "../helpers/database.ts";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("startEmbeddedPostgres", () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it("keeps data in its folder across stop and start", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "ledger-embedded-"));
    dirs.push(dataDir);

    const first = await startEmbeddedPostgres({ dataDir, port: 0 });
    await query(first.url, "CREATE TABLE note (id serial PRIMARY KEY, body text NOT NULL)");
    await query(first.url, "INSERT INTO note (body) VALUES ('kept')");
    await first.stop();
    await first.stop(); // idempotent

    const second = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      expect(await query(second.url, "SELECT body FROM note")).toEqual([{ body: "kept" }]);
    } finally {
      await second.stop();
    }
  });

  it("serves two pools of 5 at once, transactions included", async () => {
    // Skip initdb when global-setup left a snapshot (the test above covers a real initdb).
    const template = process.env[TEMPLATE_ENV.blank];
    const loadDataDir = template ? new Blob([await readFile(template)]) : undefined;
    const server = await startEmbeddedPostgres({ dataDir: "memory://", port: 0, loadDataDir });
    const pools = [1, 2].map(() => new pg.Pool({ connectionString: server.url, max: 5 }));
    try {
      await pools[0]!.query("CREATE TABLE hit (pool int NOT NULL, n int NOT NULL)");
      await Promise.all(
        pools.flatMap((pool, p) =>
          Array.from({ length: 20 }, async (_, n) => {
            const client = await pool.connect();
            try {
              await client.query("BEGIN");
              await client.query("INSERT INTO hit VALUES ($1, $2)", [p, n]);
              await client.query(n % 4 === 0 ? "ROLLBACK" : "COMMIT");
            } finally {
              client.release();
            }
          }),
        ),
      );
      const rows = await pools[1]!.query<{ pool: number; count: string }>(
        "SELECT pool, count(*) FROM hit GROUP BY pool ORDER BY pool",
      );
      // 20 per pool, every 4th rolled back.
      expect(rows.rows).toEqual([
        { pool: 0, count: "15" },
        { pool: 1, count: "15" },
      ]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await server.stop();
    }
  });
});

describe(`createTestDatabase (${process.env.TEST_DATABASE_URL ? "TEST_DATABASE_URL" : "embedded"})`, () => {
  it("never sees DATABASE_URL", () => {
    expect(process.env.DATABASE_URL).toBeUndefined();
  });

  it("gives isolated databases and drops them", async () => {
    const a = await createTestDatabase({ migrate: false });
    const b = await createTestDatabase({ migrate: false });
    try {
      expect(a.url).not.toBe(b.url);
      await query(a.url, "CREATE TABLE only_in_a (id int)");
      const inB = await query(b.url, "SELECT to_regclass('only_in_a') AS t");
      expect(inB).toEqual([{ t: null }]);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
    await a.drop(); // idempotent
    await expect(query(a.url, "SELECT 1")).rejects.toThrow();
  });

  it("applies the committed migrations by default", async () => {
    const db = await createTestDatabase();
    try {
      const applied = await query<{ n: string }>(
        db.url,
        "SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL",
      );
      expect(Number(applied[0]?.n)).toBeGreaterThan(0);
    } finally {
      await db.drop();
    }
  });
});
