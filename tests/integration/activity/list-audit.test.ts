// The Activity screen's query against a real database: each filter (action, who — including rows
// with no signed-in user —, record kind, date range), the search box (the start of an email, an
// action or a record id, served by prefix indexes), keyset
// paging both ways, facets, and hostile URL values that must fall back rather than fail.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listActivityFacets } from "@/lib/audit/list-audit-facets.ts";
import { type AuditRow, auditConditions, listAudit } from "@/lib/audit/list-audit.ts";
import { parseActivitySearch } from "@/lib/audit/search-params.ts";
import { getDb } from "@/lib/db/index.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";

let db: TestDatabase;
let prisma: PrismaClient;
let pool: pg.Pool;

const BASE = Date.parse("2026-02-01T00:00:00.000Z");
const MIN = 60_000;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  await pool.query(`INSERT INTO app_user (id, name, email, role) VALUES ('admin-1', 'Ada', 'ada@example.com', 'admin'), ('viewer-1', 'Vic', 'vic@example.com', 'viewer')`);
  const rows: unknown[][] = [];
  for (let i = 0; i < 60; i++) {
    const at = new Date(BASE + i * MIN);
    if (i % 3 === 0) rows.push([at, "admin-1", "ada@example.com", "fulfilment.approve", "fulfilment", String(1000 + i)]);
    else if (i % 3 === 1) rows.push([at, "viewer-1", "Vic@Example.com", "auth.sign_in", null, null]);
    else rows.push([at, null, "intruder@example.com", "auth.sign_in_failed", null, null]);
  }
  // Two rows at the same instant: paging must still visit both once.
  rows.push([new Date(BASE + 10 * MIN), "admin-1", "ada@example.com", "user.create", "user", "viewer-1"]);
  for (const r of rows) {
    await pool.query("INSERT INTO audit_log (at, actor_id, actor_email, action, target_type, target_id) VALUES ($1, $2, $3, $4, $5, $6)", r);
  }
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const list = (query: string) => listAudit(prisma, parseActivitySearch(new URLSearchParams(query)));

async function all(query: string): Promise<AuditRow[]> {
  const out: AuditRow[] = [];
  let q = query;
  for (let i = 0; i < 50; i++) {
    const page = await list(q);
    out.push(...page.rows);
    if (!page.nextCursor) return out;
    q = `${query}&cursor=${page.nextCursor}`;
  }
  throw new Error("did not end");
}

describe("activity list", () => {
  it("is newest first, and pages forward and back without gaps or repeats (ties included)", async () => {
    const rows = await all("perPage=20");
    expect(rows).toHaveLength(61);
    expect(new Set(rows.map((r) => r.id)).size).toBe(61);
    const times = rows.map((r) => r.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const first = await list("perPage=20");
    const second = await list(`perPage=20&cursor=${first.nextCursor}`);
    const back = await list(`perPage=20&cursor=${second.prevCursor}`);
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(first.total).toEqual({ value: 61, exact: true });
  });

  it("filters by action, record kind and time", async () => {
    expect((await all("action=fulfilment.approve")).every((r) => r.action === "fulfilment.approve")).toBe(true);
    expect(await all("action=fulfilment.approve,user.create")).toHaveLength(21);
    expect((await all("target_type=user")).map((r) => r.targetId)).toEqual(["viewer-1"]);
    const from = BASE + 10 * MIN;
    const to = BASE + 13 * MIN;
    const inRange = await all(`at=${from},${to}`);
    expect(inRange.map((r) => r.at.getTime()).sort()).toEqual([from, from, from + MIN, from + 2 * MIN]);
  });

  it("filters by who, including rows with no signed-in user", async () => {
    expect((await all("actor=viewer-1")).every((r) => r.actorId === "viewer-1")).toBe(true);
    expect(await all("actor=viewer-1")).toHaveLength(20);
    const anonymous = await all("actor=anonymous");
    expect(anonymous).toHaveLength(20);
    expect(anonymous.every((r) => r.actorId === null)).toBe(true);
    expect(await all("actor=anonymous,admin-1")).toHaveLength(41);
  });

  it("searches a record id, or an email case-insensitively", async () => {
    expect((await all("q=1003")).map((r) => r.action)).toEqual(["fulfilment.approve"]);
    expect(await all("q=vic@example.COM")).toHaveLength(20);
    expect(await all("q=nobody@example.com")).toEqual([]);
  });

  it("searches the start of an email, an action or a record id, case-insensitively", async () => {
    // Emails: every row of that person, whatever the case typed or stored ("Vic@Example.com").
    expect((await all("q=vic@")).every((r) => r.actorEmail === "Vic@Example.com")).toBe(true);
    expect(await all("q=vic@")).toHaveLength(20);
    expect(await all("q=VIC")).toHaveLength(20);
    expect(await all("q=ada")).toHaveLength(21); // 20 approvals and the user.create
    // Actions: a prefix takes in every action that starts with it.
    expect(await all("q=fulfilment.")).toHaveLength(20);
    expect(new Set((await all("q=auth.sign_in")).map((r) => r.action))).toEqual(new Set(["auth.sign_in", "auth.sign_in_failed"]));
    expect(await all("q=AUTH.SIGN_IN_F")).toHaveLength(20);
    // Record ids: fulfilments 1000, 1003, …, 1057; a user id.
    expect((await all("q=100")).map((r) => r.targetId).sort()).toEqual(["1000", "1003", "1006", "1009"]);
    expect((await all("q=10")).length).toBe(20);
    expect((await all("q=Viewer-")).map((r) => r.action)).toEqual(["user.create"]);
    // Combined with a filter, and paged.
    expect(await all("q=auth.sign_in&actor=anonymous")).toHaveLength(20);
    const first = await list("q=auth&perPage=20");
    expect(first.rows).toHaveLength(20);
    expect(first.total).toEqual({ value: 40, exact: true });
    const second = await list(`q=auth&perPage=20&cursor=${first.nextCursor}`);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(40);
  });

  it("takes LIKE's wildcards in the search literally", async () => {
    for (const q of ["%", "_", "%40", "a%25", "\\", "auth_sign"]) expect(await all(`q=${q}`), q).toEqual([]);
    // "_" is a literal underscore, not "any character": only actions with an underscore there match.
    expect(new Set((await all("q=auth.sign_in_")).map((r) => r.action))).toEqual(new Set(["auth.sign_in_failed"]));
  });

  it("answers the search from the prefix indexes (a bitmap OR of three index ranges, no full scan)", async () => {
    const where = auditConditions(parseActivitySearch(new URLSearchParams("q=Vic@Ex")));
    const client = await pool.connect();
    try {
      // A log big enough that reading all of it costs more than the three ranges (rolled back after).
      await client.query("BEGIN");
      await client.query(`INSERT INTO audit_log (at, actor_id, actor_email, action, target_type, target_id)
        SELECT now() - i * interval '1 minute', 'admin-1', 'ada@example.com', 'fulfilment.approve', 'fulfilment', (500000 + i)::text
        FROM generate_series(1, 20000) i`);
      await client.query("ANALYZE audit_log");
      // As the app sends it: an unnamed statement with the term bound, planned for its value.
      const { rows } = await client.query<{ "QUERY PLAN": string }>({ text: `EXPLAIN SELECT id FROM audit_log a WHERE ${where.text}`, values: where.values });
      const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).not.toMatch(/Seq Scan/);
      for (const index of ["audit_log_actor_email_prefix_idx", "audit_log_action_prefix_idx", "audit_log_target_id_prefix_idx"]) expect(plan).toContain(index);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
    // ANALYZE's row count is not rolled back: count again, or the totals of later tests are estimates.
    await pool.query("ANALYZE audit_log");
  });

  it("offers every known action and each user, with counts", async () => {
    const facets = await listActivityFacets(prisma, { action: [], actor: ["gone-user"] });
    expect(facets.action.find((o) => o.value === "auth.sign_in")).toMatchObject({ label: "Signed in", count: 20 });
    expect(facets.action.find((o) => o.value === "export.csv")).toMatchObject({ count: 0 });
    expect(facets.actor.map((o) => o.value)).toEqual(["admin-1", "viewer-1", "gone-user", "anonymous"]);
  });

  it("treats hostile URL values as defaults, never as errors", async () => {
    const hostile = [
      "sort=id;DROP TABLE audit_log.desc",
      "sort=at.sideways",
      "action=' OR 1=1 --",
      "actor=../../etc",
      "target_type=user'--",
      "at=9999999999999999,1",
      "cursor=eyJub3QiOiJhIGN1cnNvciJ9",
      "perPage=100000",
      `q=${"x".repeat(5000)}`,
      "q=%00",
    ];
    for (const q of hostile) {
      const page = await list(q);
      expect(page.rows.length, q).toBeGreaterThan(0);
    }
    expect((await list("action=' OR 1=1 --")).total.value).toBe(61);
  });
});
