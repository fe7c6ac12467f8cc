// The rewards screen's queries against a real database (Postgres with TEST_DATABASE_URL, else PGlite):
// a simulated stream delivered through the webhook contract plus hand-made rewards (a mixed-case lead
// email, no lead, no amount, another status); every filter, both sorts, keyset paging forward and back
// without duplicates or gaps (ties on the sort key included), search by lead email and reward id, and
// hostile URL values.
import type { LedgerPool } from "@/lib/db/pool.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "@/lib/data-table/cursor.ts";
import { getDb } from "@/lib/db/index.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { getPromoterLabels } from "@/lib/promoters/get-promoter-labels.ts";
import { listRewardFacets } from "@/lib/rewards/list-reward-facets.ts";
import { listRewards } from "@/lib/rewards/list-rewards.ts";
import { parseRewardsSearch } from "@/lib/rewards/search-params.ts";
import { generateStream } from "@/lib/simulator/generate-stream.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { post, rows, variant } from "../webhook/helpers.ts";
import { expectPaged, walkPages } from "../../helpers/walk-pages.ts";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const DAY = 86_400_000;

let db: TestDatabase;
let prisma: PrismaClient;
let pool: LedgerPool;

type Stored = {
  id: string;
  status: string | null;
  amount: string | null;
  unit: string | null;
  promoter_id: string | null;
  lead_id: string | null;
  lead_email: string | null;
  created: Date;
};
let all: Stored[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  for (const d of generateStream({ seed: 23, events: 500, now: NOW, duplicates: 0.05 })) {
    const res = await post(pool, d.body);
    if (res.status >= 300) throw new Error(`seed delivery answered ${res.status}`);
  }
  // A reward whose lead's email has capitals, one without a lead, one without an amount, one denied.
  const reward = (id: number, eventId: number, edit: (d: any) => void) =>
    post(pool, variant("reward_created", eventId, "2026-02-20T10:00:00.000Z", (d) => {
      d.id = id;
      edit(d);
    }));
  await reward(90000001, 91000001, (d) => ((d.lead.id = 93000001), (d.lead.email = "Mixed.Case@Example.COM"), (d.promoter.id = 94000001)));
  await reward(90000002, 91000002, (d) => delete d.lead);
  await reward(90000003, 91000003, (d) => ((d.amount = null), (d.status = "denied"), (d.lead.id = 93000003), (d.lead.email = "under_score%@example.com")));
  // Ties on the created key (paging must order them by id and neither skip nor repeat one), and a
  // reward FirstPromoter sent no created_at for (the key falls back to first_seen_at).
  await pool.query(`UPDATE reward SET fp_created_at = '2026-02-10T00:00:00Z' WHERE id IN (SELECT id FROM reward ORDER BY id LIMIT 25)`);
  await pool.query(`UPDATE reward SET fp_created_at = NULL, first_seen_at = '2026-01-15T00:00:00Z' WHERE id = 90000002`);
  all = await rows<Stored>(
    pool,
    `SELECT r.id::text, r.status, r.amount::text, r.unit, r.promoter_id::text, r.lead_id::text, l.email AS lead_email,
            COALESCE(r.fp_created_at, r.first_seen_at) AS created
     FROM reward r LEFT JOIN lead l ON l.id = r.lead_id`,
  );
}, 300_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

const search = (qs: string | Record<string, string>) => parseRewardsSearch(new URLSearchParams(qs));
const byCreated = (desc: boolean) => (a: Stored, b: Stored) =>
  (desc ? -1 : 1) * (a.created.getTime() - b.created.getTime() || Number(BigInt(a.id) - BigInt(b.id)));
const byAmount = (desc: boolean) => (a: Stored, b: Stored) =>
  (desc ? -1 : 1) * (Number(a.amount ?? 0) - Number(b.amount ?? 0) || Number(BigInt(a.id) - BigInt(b.id)));
const ids = (r: { id: string }[]) => r.map((x) => x.id);

/** Every page forward then back, as the UI does through the URL (tests/helpers/walk-pages.ts). */
const walk = (params: Record<string, string>) => walkPages((p) => listRewards(prisma, search(p)), params);


describe("listRewards: sorting and keyset paging", () => {
  it("has enough rewards to page through, of several statuses and units", () => {
    expect(all.length).toBeGreaterThan(60);
    expect(new Set(all.map((r) => r.unit)).size).toBeGreaterThan(1);
    expect(new Set(all.map((r) => r.status)).size).toBeGreaterThan(1);
  });

  it("defaults to newest first, 50 a page, with the lead's email and the promoter's name joined", async () => {
    const page = await listRewards(prisma, search(""));
    expect(ids(page.rows)).toEqual(ids([...all].sort(byCreated(true)).slice(0, 50)));
    expect(page.total).toEqual({ value: all.length, exact: true });
    expect(page.prevCursor).toBeNull();
    const mixed = (await listRewards(prisma, search({ q: "90000001" }))).rows[0];
    expect(mixed).toEqual({
      id: "90000001",
      status: "approved",
      deleted: false,
      amount: "200.0000",
      unit: "cash",
      conversionAmount: "10000.0000",
      tierLevel: 1,
      leadId: "93000001",
      leadEmail: "Mixed.Case@Example.COM",
      promoterId: "94000001",
      promoterEmail: "promoter@example.com",
      promoterName: null,
      createdAt: new Date("2024-10-03T14:23:20.495Z"),
    });
    const noLead = (await listRewards(prisma, search({ q: "90000002" }))).rows[0];
    expect(noLead).toMatchObject({ leadId: null, leadEmail: null, createdAt: new Date("2026-01-15T00:00:00Z") });
  });

  it("pages forward and back over created ties without duplicates or gaps", async () => {
    expectPaged(await walk({ perPage: "20" }), [...all].sort(byCreated(true)), 20);
    expectPaged(await walk({ perPage: "20", sort: "created_at.asc" }), [...all].sort(byCreated(false)), 20);
  });

  it("sorts by amount either way (a missing amount as 0) and pages over its many ties", async () => {
    expectPaged(await walk({ perPage: "20", sort: "amount.desc" }), [...all].sort(byAmount(true)), 20);
    expectPaged(await walk({ perPage: "20", sort: "amount.asc" }), [...all].sort(byAmount(false)), 20);
  });

  it("pages a filtered list too", async () => {
    const cash = all.filter((r) => r.unit === "cash").sort(byAmount(true));
    expect(cash.length).toBeGreaterThan(20);
    expectPaged(await walk({ perPage: "20", sort: "amount.desc", unit: "cash" }), cash, 20);
  });

  it("serves a full first page when going back from a position near the start", async () => {
    const sorted = [...all].sort(byCreated(true));
    const third = sorted[2] as Stored;
    const cursor = encodeCursor({ sort: "created_at", desc: true, value: third.created.toISOString(), id: third.id, dir: "prev" });
    const page = await listRewards(prisma, search({ perPage: "20", cursor }));
    expect(ids(page.rows)).toEqual(ids(sorted.slice(0, 20)));
    expect(page.prevCursor).toBeNull();
  });
});

describe("listRewards: filters", () => {
  const expectFilter = async (params: Record<string, string>, keep: (r: Stored) => boolean) => {
    const expected = all.filter(keep).sort(byCreated(true));
    const page = await listRewards(prisma, search({ perPage: "100", ...params }));
    expect(ids(page.rows)).toEqual(ids(expected.slice(0, 100)));
    expect(page.total).toEqual({ value: expected.length, exact: true });
    return expected;
  };

  it("by status, one and several", async () => {
    expect((await expectFilter({ status: "approved" }, (r) => r.status === "approved")).length).toBeGreaterThan(0);
    expect((await expectFilter({ status: "denied" }, (r) => r.status === "denied")).length).toBeGreaterThan(0);
    await expectFilter({ status: "pending,denied" }, (r) => r.status === "pending" || r.status === "denied");
    await expectFilter({ status: "no_such_status" }, () => false);
  });

  it("by unit, one and several", async () => {
    expect((await expectFilter({ unit: "points" }, (r) => r.unit === "points")).length).toBeGreaterThan(0);
    await expectFilter({ unit: "cash,free_months" }, (r) => r.unit === "cash" || r.unit === "free_months");
  });

  it("by promoter (the promoter detail's link), one and several", async () => {
    const counts = new Map<string, number>();
    for (const r of all) if (r.promoter_id) counts.set(r.promoter_id, (counts.get(r.promoter_id) ?? 0) + 1);
    const [top, second] = [...counts].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    expect((await expectFilter({ promoter: top as string }, (r) => r.promoter_id === top)).length).toBeGreaterThan(1);
    await expectFilter({ promoter: `${top},${second}` }, (r) => r.promoter_id === top || r.promoter_id === second);
    await expectFilter({ promoter: "123456789" }, () => false);
  });

  it("by created date range: from, to (exclusive) and both", async () => {
    const from = NOW.getTime() - 30 * DAY;
    const to = NOW.getTime() - 10 * DAY;
    const inRange = (r: Stored) => r.created.getTime() >= from && r.created.getTime() < to;
    expect((await expectFilter({ created_at: `${from},${to}` }, inRange)).length).toBeGreaterThan(0);
    await expectFilter({ created_at: `${from},` }, (r) => r.created.getTime() >= from);
    await expectFilter({ created_at: `,${to}` }, (r) => r.created.getTime() < to);
  });

  it("combines filters", async () => {
    const from = NOW.getTime() - 40 * DAY;
    await expectFilter(
      { status: "approved,pending", unit: "cash", created_at: `${from},` },
      (r) => (r.status === "approved" || r.status === "pending") && r.unit === "cash" && r.created.getTime() >= from,
    );
  });

  it("searches by reward id (leading zeros and spaces ignored)", async () => {
    const target = all[17] as Stored;
    await expectFilter({ q: target.id }, (r) => r.id === target.id);
    await expectFilter({ q: ` 000${target.id} ` }, (r) => r.id === target.id);
    await expectFilter({ q: "99999999" }, () => false);
  });

  it("searches by the lead's email, whole or its start, case-insensitively", async () => {
    const lead = all.find((r) => r.lead_email && r.lead_id !== "93000001") as Stored;
    const email = lead.lead_email as string;
    const found = await expectFilter({ q: email.toUpperCase() }, (r) => r.lead_email?.toLowerCase().startsWith(email.toLowerCase()) ?? false);
    expect(ids(found)).toContain(lead.id);
    const prefix = email.slice(0, 4);
    expect((await expectFilter({ q: prefix }, (r) => r.lead_email?.toLowerCase().startsWith(prefix.toLowerCase()) ?? false)).length).toBeGreaterThan(0);
    expect(await expectFilter({ q: "mixed.case@example.com" }, (r) => r.id === "90000001")).toHaveLength(1);
    await expectFilter({ q: "nobody@example.com" }, () => false);
  });

  it("treats LIKE wildcards in the search as plain characters", async () => {
    expect(await expectFilter({ q: "under_score%" }, (r) => r.id === "90000003")).toHaveLength(1);
    await expectFilter({ q: "under%" }, () => false);
    await expectFilter({ q: "%" }, () => false);
    await expectFilter({ q: "_" }, () => false);
  });
});

describe("hostile URL values fall back to defaults and never fail the query", () => {
  const huge = "x".repeat(100_000);
  const cases: Record<string, string>[] = [
    { sort: "created_at;DROP TABLE reward" },
    { sort: "status.desc" },
    { sort: "__proto__.asc" },
    { perPage: "1000000" },
    { perPage: "-1" },
    { status: "'; DROP TABLE reward; --" },
    { status: huge },
    { status: Array.from({ length: 500 }, (_, i) => `s${i}`).join(",") },
    { unit: "cash') OR 1=1 --" },
    { promoter: "1 OR 1=1" },
    { promoter: "99999999999999999999999" },
    { promoter: "-5" },
    { promoter: "abc,12,,,13" },
    { created_at: "abc,def" },
    { created_at: "10,5" },
    { created_at: "99999999999999999999," },
    { q: "' OR 1=1 --" },
    { q: "%' OR '%'='" },
    { q: "\\" },
    { q: huge },
    { q: "\u0000abc" },
    { q: "😀@例え.jp" },
    { q: "99999999999999999999999999" },
    { cursor: "not-base64!!" },
    { cursor: Buffer.from('["created_at",1,"2026-01-01T00:00:00.000Z","1;DROP TABLE reward","n"]').toString("base64url") },
    { cursor: Buffer.from('["amount",1,"NaN","1","n"]').toString("base64url") },
    { cursor: Buffer.from('["amount",1,1e308,"1","n"]').toString("base64url") },
    { sort: "amount.desc", cursor: encodeCursor({ sort: "created_at", desc: true, value: NOW.toISOString(), id: "5", dir: "next" }) },
    { sort: "amount.desc", cursor: encodeCursor({ sort: "amount", desc: true, value: -1e300, id: "5", dir: "prev" }) },
  ];

  it.each(cases.map((c) => [JSON.stringify(c).slice(0, 100), c] as const))("%s", async (_name, params) => {
    const parsed = search(params);
    const page = await listRewards(prisma, parsed);
    expect(Array.isArray(page.rows)).toBe(true);
    expect([20, 50, 100]).toContain(parsed.perPage);
    expect(page.rows.length).toBeLessThanOrEqual(parsed.perPage);
  });

  it("keeps only well-formed promoter ids", () => {
    expect(search({ promoter: "abc,12,,,13,-5,1 OR 1=1" }).filters.promoter).toEqual(["12", "13"]);
  });

  it("leaves the table where it was", async () => {
    const [row] = await rows<{ n: number }>(pool, "SELECT count(*)::int AS n FROM reward");
    expect(row?.n).toBe(all.length);
  });
});

describe("facets and promoter labels", () => {
  it("counts statuses and units exactly on a small table, and keeps selected values", async () => {
    const facets = await listRewardFacets(prisma, { status: ["selected_but_absent"], unit: [], promoter: [] });
    const count = (key: "status" | "unit", v: string) => all.filter((r) => r[key] === v).length;
    for (const o of facets.status) expect(o).toMatchObject({ count: count("status", o.value), approximate: false });
    for (const o of facets.unit) expect(o).toMatchObject({ count: count("unit", o.value), approximate: false });
    expect(facets.status.map((o) => o.value)).toEqual(expect.arrayContaining(["approved", "pending", "denied", "selected_but_absent"]));
    expect(facets.unit.map((o) => o.value)).toEqual(expect.arrayContaining(["cash", "points"]));
  });

  it("labels promoters by name or email, and keeps an unknown id visible", async () => {
    const [p] = await rows<{ id: string; email: string; first_name: string | null; last_name: string | null }>(
      pool,
      "SELECT id::text, email, first_name, last_name FROM promoter WHERE email IS NOT NULL ORDER BY id LIMIT 1",
    );
    const labels = await getPromoterLabels(prisma, [p!.id, "123456789"]);
    const name = [p!.first_name, p!.last_name].filter(Boolean).join(" ");
    expect(labels).toEqual([
      { value: p!.id, label: name ? `${name} (${p!.email})` : p!.email },
      { value: "123456789", label: "Promoter 123456789 (not stored)" },
    ]);
  });
});
