// The fulfilments review queue's queries against a real database (Postgres with TEST_DATABASE_URL,
// else PGlite): a simulated stream plus hand-made fulfilments (several units, promoters, campaigns,
// has_issues, a missing amount) delivered through the webhook contract, some reviewed with the real
// reviewFulfilments. Covers the queue's default (pending, oldest first), every filter, both sorts,
// keyset paging forward and back over ties, the sync state of each row, the detail page's query,
// the facets, hostile URL values, and the approve dialog's exact totals.
import type { LedgerPool } from "@/lib/db/pool.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "@/lib/data-table/cursor.ts";
import { getDb } from "@/lib/db/index.ts";
import { getFulfilment } from "@/lib/fulfilments/get-fulfilment.ts";
import { listFulfilmentFacets } from "@/lib/fulfilments/list-fulfilment-facets.ts";
import { listFulfilments } from "@/lib/fulfilments/list-fulfilments.ts";
import { reviewFulfilments } from "@/lib/fulfilments/review-fulfilments.ts";
import { parseFulfilmentsSearch, reviewStatusParam } from "@/lib/fulfilments/search-params.ts";
import { totalByUnit } from "@/lib/fulfilments/total-by-unit.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { generateStream } from "@/lib/simulator/generate-stream.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { post, rows, variant } from "../webhook/helpers.ts";
import { expectPaged, walkPages } from "../../helpers/walk-pages.ts";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const admin = { id: "admin-1", email: "admin@example.com" };
const HAND = 6_000_000;
const UNITS = ["cash", "free_months", "credits"];

let db: TestDatabase;
let prisma: PrismaClient;
let pool: LedgerPool;

type Stored = {
  id: string;
  review_status: string;
  amount: string | null;
  unit: string | null;
  promoter_id: string | null;
  promoter_email: string | null;
  campaign_id: string | null;
  has_issues: boolean;
  first_delivery_at: Date;
};
let all: Stored[] = [];

const handId = (i: number) => String(HAND + i);
/** The hand-made fulfilment_pending bodies by index: a re-send is the same event again. */
const bodies = new Map<number, unknown>();

beforeAll(async () => {
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  for (const d of generateStream({ seed: 7, events: 400, now: NOW, duplicates: 0.1 })) {
    const res = await post(pool, d.body);
    if (res.status >= 300) throw new Error(`seed delivery answered ${res.status}`);
  }
  for (let i = 0; i < 90; i++) {
    const body = variant("fulfilment_pending", 96_000_000 + i, "2026-02-20T10:00:00.000Z", (d) => {
        d.id = HAND + i;
        d.unit = UNITS[i % 3];
        d.amount = i % 17 === 0 ? null : ((i * 137) % 5000) + 1;
        d.has_issues = i % 11 === 0;
        d.promoter = { id: 7_000_000 + (i % 6), status: "active", email: `P${i % 6}.Promoter@Example.com` };
        d.campaign = { id: 8_000 + (i % 3), name: `Campaign ${i % 3}`, landing_url: "https://example.com" };
    });
    bodies.set(i, body);
    const res = await post(pool, body);
    if (res.status !== 202) throw new Error(`hand-made fulfilment answered ${res.status}`);
  }
  // Deliveries all happened "now"; spread them over 40 hours, with ties, so the order is testable.
  await pool.query(`UPDATE fulfilment SET first_delivery_at = timestamptz '2026-02-01T00:00:00Z' + (id % 40) * interval '1 hour'`);
  // No API key and no undo window: decisions wait as "not connected" and a re-send is answered 200 at once.
  const noApi = { url: "http://127.0.0.1:9", key: null, accountId: null, sendDelayMs: 0, budget: { perWindow: 300, windowMs: 60_000 } };
  await reviewFulfilments(prisma, { ids: Array.from({ length: 10 }, (_, i) => handId(i + 1)), decision: "approved" }, admin, null, noApi);
  await reviewFulfilments(prisma, { ids: [12, 13, 14, 15, 16].map(handId), decision: "held", reason: "waiting for the invoice" }, admin, null, noApi);
  await reviewFulfilments(prisma, { ids: [17, 18, 19].map(handId), decision: "rejected", reason: "duplicate account" }, admin, null, noApi);
  // An approved one re-sent (answered 200), and a pending one FirstPromoter went quiet about.
  expect((await post(pool, bodies.get(1))).status).toBe(200);
  await pool.query(`UPDATE fulfilment SET last_delivery_at = now() - interval '3 days' WHERE id = $1`, [handId(20)]);
  all = await rows<Stored>(
    pool,
    `SELECT f.id::text, f.review_status::text, f.amount::text, f.unit, f.promoter_id::text, p.email AS promoter_email,
            f.campaign_id::text, f.has_issues, f.first_delivery_at
     FROM fulfilment f LEFT JOIN promoter p ON p.id = f.promoter_id`,
  );
}, 300_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

const search = (qs: string | Record<string, string>) => parseFulfilmentsSearch(new URLSearchParams(qs));
const byFirst = (desc: boolean) => (a: Stored, b: Stored) =>
  (desc ? -1 : 1) * (a.first_delivery_at.getTime() - b.first_delivery_at.getTime() || Number(BigInt(a.id) - BigInt(b.id)));
const byAmount = (desc: boolean) => (a: Stored, b: Stored) =>
  (desc ? -1 : 1) * (Number(a.amount ?? 0) - Number(b.amount ?? 0) || Number(BigInt(a.id) - BigInt(b.id)));
const ids = (r: { id: string }[]) => r.map((x) => x.id);
const pending = (f: Stored) => f.review_status === "pending";

/** Every page forward then back, as the UI does through the URL (tests/helpers/walk-pages.ts). */
const walk = (params: Record<string, string>) => walkPages((p) => listFulfilments(prisma, search(p)), params);


describe("the queue's default", () => {
  it("is review status pending, oldest first delivery first", async () => {
    expect(all.filter(pending).length).toBeGreaterThan(60);
    const page = await listFulfilments(prisma, search(""));
    const expected = all.filter(pending).sort(byFirst(false));
    expect(ids(page.rows)).toEqual(ids(expected.slice(0, 50)));
    expect(page.rows.every((r) => r.reviewStatus === "pending")).toBe(true);
    expect(page.total).toEqual({ value: expected.length, exact: true });
  });

  it("is explicit in the parser: no parameter (or nothing valid) is pending, `all` is every status", () => {
    expect(search("").filters.review_status).toEqual(["pending"]);
    expect(search({ review_status: "bogus" }).filters.review_status).toEqual(["pending"]);
    expect(search({ review_status: "all" }).filters.review_status).toEqual([]);
    expect(search({ review_status: "held,all" }).filters.review_status).toEqual([]);
    expect(search({ review_status: "held,approved,bogus" }).filters.review_status).toEqual(["held", "approved"]);
    expect(reviewStatusParam(["pending"])).toBeNull();
    expect(reviewStatusParam([])).toBe("all");
    expect(reviewStatusParam(["held", "rejected"])).toBe("held,rejected");
    expect(reviewStatusParam(["pending", "held"])).toBe("pending,held");
  });

  it("returns the row's fields, promoter and campaign joined, and its sync state", async () => {
    const row = (await listFulfilments(prisma, search({ q: handId(2), review_status: "all" }))).rows[0];
    expect(row).toMatchObject({
      id: handId(2),
      fpStatus: "pending",
      reviewStatus: "approved",
      reviewedBy: admin.email,
      reviewReason: null,
      amount: `${((2 * 137) % 5000) + 1}.0000`,
      unit: "credits",
      hasIssues: false,
      promoterId: "7000002",
      promoterEmail: "P2.Promoter@Example.com",
      promoterName: null,
      campaignId: "8002",
      campaignName: "Campaign 2",
      deliveryCount: 1,
      answered200At: null,
      syncState: "not_connected",
      sync: { kind: "not_connected", label: "Approved — API not connected" },
    });
    expect(row?.reviewedAt).toBeInstanceOf(Date);
    expect(row?.firstDeliveryAt).toBeInstanceOf(Date);
    const sync = async (i: number) => (await listFulfilments(prisma, search({ q: handId(i), review_status: "all" }))).rows[0]?.sync;
    expect(await sync(1)).toMatchObject({ kind: "answered_200", at: expect.any(Date) });
    // has_issues only says FirstPromoter's deliveries failed; a quiet FirstPromoter says nothing either.
    expect(await sync(0)).toMatchObject({ kind: "awaiting_review" });
    expect(await sync(20)).toMatchObject({ kind: "awaiting_review" });
    expect(await sync(12)).toMatchObject({ kind: "held", label: "Held" });
    expect(await sync(17)).toMatchObject({ kind: "not_connected", label: "Rejected — API not connected", todo: "Deny it in FirstPromoter" });
    expect(await sync(21)).toMatchObject({ kind: "awaiting_review" });
    const held = (await listFulfilments(prisma, search({ q: handId(12), review_status: "held" }))).rows[0];
    expect(held?.reviewReason).toBe("waiting for the invoice");
  });
});

describe("the sync-state filter", () => {
  it("filters by stored sync state over every review status (unless one is named), and counts each state", async () => {
    const notConnected = all.filter((f) => [2, 3, 4, 5, 6, 7, 8, 9, 10, 17, 18, 19].map(handId).includes(f.id)).map((f) => f.id);
    const page = await listFulfilments(prisma, search({ sync_state: "not_connected", per_page: "100" }));
    expect(ids(page.rows).sort()).toEqual(notConnected.sort());
    const approvedOnly = await listFulfilments(prisma, search({ sync_state: "not_connected", review_status: "approved", per_page: "100" }));
    expect(approvedOnly.rows).toHaveLength(9);
    expect(ids((await listFulfilments(prisma, search({ sync_state: "answered_200,held", per_page: "100" }))).rows).sort()).toEqual([1, 12, 13, 14, 15, 16].map(handId).sort());
    const facets = await listFulfilmentFacets(prisma, search("").filters);
    expect(facets.sync_state.find((o) => o.value === "not_connected")?.count).toBe(12);
    expect(facets.sync_state.find((o) => o.value === "failed")?.count).toBe(0);
  });
});

describe("sorting and keyset paging", () => {
  it("pages the queue forward and back over first-delivery ties without duplicates or gaps", async () => {
    expectPaged(await walk({ perPage: "20" }), all.filter(pending).sort(byFirst(false)), 20);
  });

  it("pages every status, newest first", async () => {
    expectPaged(await walk({ perPage: "20", review_status: "all", sort: "first_delivery_at.desc" }), [...all].sort(byFirst(true)), 20);
  });

  it("sorts by amount either way (a missing amount as 0)", async () => {
    expectPaged(await walk({ perPage: "20", sort: "amount.desc" }), all.filter(pending).sort(byAmount(true)), 20);
    expectPaged(await walk({ perPage: "20", sort: "amount.asc", review_status: "all" }), [...all].sort(byAmount(false)), 20);
  });

  it("serves a full first page when going back from near the start", async () => {
    const sorted = all.filter(pending).sort(byFirst(false));
    const third = sorted[2] as Stored;
    const cursor = encodeCursor({ sort: "first_delivery_at", desc: false, value: third.first_delivery_at.toISOString(), id: third.id, dir: "prev" });
    const page = await listFulfilments(prisma, search({ perPage: "20", cursor }));
    expect(ids(page.rows)).toEqual(ids(sorted.slice(0, 20)));
    expect(page.prevCursor).toBeNull();
  });
});

describe("filters", () => {
  const expectFilter = async (params: Record<string, string>, keep: (f: Stored) => boolean) => {
    const expected = all.filter(keep).sort(byFirst(false));
    const page = await listFulfilments(prisma, search({ perPage: "100", ...params }));
    expect(ids(page.rows)).toEqual(ids(expected.slice(0, 100)));
    expect(page.total).toEqual({ value: expected.length, exact: true });
    return expected;
  };

  it("by review status, one and several", async () => {
    expect(await expectFilter({ review_status: "held" }, (f) => f.review_status === "held")).toHaveLength(5);
    expect(await expectFilter({ review_status: "approved" }, (f) => f.review_status === "approved")).toHaveLength(10);
    await expectFilter({ review_status: "held,rejected" }, (f) => f.review_status === "held" || f.review_status === "rejected");
    await expectFilter({ review_status: "all" }, () => true);
  });

  it("by unit", async () => {
    expect((await expectFilter({ unit: "cash" }, (f) => pending(f) && f.unit === "cash")).length).toBeGreaterThan(0);
    await expectFilter({ unit: "cash,credits", review_status: "all" }, (f) => f.unit === "cash" || f.unit === "credits");
    await expectFilter({ unit: "nope" }, () => false);
  });

  it("by promoter, one and several", async () => {
    expect((await expectFilter({ promoter: "7000003" }, (f) => pending(f) && f.promoter_id === "7000003")).length).toBeGreaterThan(5);
    await expectFilter({ promoter: "7000003,7000004", review_status: "all" }, (f) => f.promoter_id === "7000003" || f.promoter_id === "7000004");
    await expectFilter({ promoter: "123456789" }, () => false);
  });

  it("by campaign", async () => {
    expect((await expectFilter({ campaign: "8001" }, (f) => pending(f) && f.campaign_id === "8001")).length).toBeGreaterThan(5);
    await expectFilter({ campaign: "8000,8002", review_status: "all" }, (f) => f.campaign_id === "8000" || f.campaign_id === "8002");
  });

  it("by has_issues: yes, no, and both (no filter)", async () => {
    expect((await expectFilter({ has_issues: "yes", review_status: "all" }, (f) => f.has_issues)).length).toBeGreaterThan(3);
    await expectFilter({ has_issues: "no" }, (f) => pending(f) && !f.has_issues);
    await expectFilter({ has_issues: "yes,no" }, pending);
  });

  it("combines filters", async () => {
    await expectFilter(
      { review_status: "pending,held", unit: "free_months", campaign: "8001", has_issues: "no" },
      (f) => ["pending", "held"].includes(f.review_status) && f.unit === "free_months" && f.campaign_id === "8001" && !f.has_issues,
    );
  });

  it("searches by fulfilment id and by the start of the promoter's email, case-insensitively", async () => {
    await expectFilter({ q: handId(30) }, (f) => f.id === handId(30));
    await expectFilter({ q: ` 0${handId(30)} ` }, (f) => f.id === handId(30));
    await expectFilter({ q: "p4.promoter@example.com" }, (f) => pending(f) && f.promoter_email === "P4.Promoter@Example.com");
    await expectFilter({ q: "P4.PRO", review_status: "all" }, (f) => f.promoter_email === "P4.Promoter@Example.com");
    await expectFilter({ q: "p%" }, () => false);
  });
});

describe("hostile URL values fall back to defaults and never fail the query", () => {
  const huge = "x".repeat(100_000);
  const cases: Record<string, string>[] = [
    { sort: "first_delivery_at;DROP TABLE fulfilment" },
    { sort: "review_status.asc" },
    { perPage: "101" },
    { review_status: "pending'); DROP TABLE fulfilment; --" },
    { review_status: "ALL" },
    { review_status: huge },
    { unit: "cash' OR '1'='1" },
    { promoter: "1 OR 1=1" },
    { campaign: "-1,abc,99999999999999999999999" },
    { has_issues: "true,1,maybe" },
    { q: "' OR 1=1 --" },
    { q: "\\" },
    { q: huge },
    { q: "\u0000" },
    { cursor: "garbage" },
    { cursor: Buffer.from('["first_delivery_at",0,"x","1","n"]').toString("base64url") },
    { sort: "amount.desc", cursor: encodeCursor({ sort: "first_delivery_at", desc: false, value: NOW.toISOString(), id: "5", dir: "next" }) },
  ];

  it.each(cases.map((c) => [JSON.stringify(c).slice(0, 100), c] as const))("%s", async (_name, params) => {
    const parsed = search(params);
    const page = await listFulfilments(prisma, parsed);
    expect(Array.isArray(page.rows)).toBe(true);
    expect(page.rows.length).toBeLessThanOrEqual(parsed.perPage);
  });

  it("leaves the table where it was", async () => {
    const [row] = await rows<{ n: number }>(pool, "SELECT count(*)::int AS n FROM fulfilment");
    expect(row?.n).toBe(all.length);
  });
});

describe("facets, detail and totals", () => {
  it("counts review statuses, units, campaigns and has_issues exactly on a small table", async () => {
    const facets = await listFulfilmentFacets(prisma, { unit: [], campaign: ["424242"], promoter: ["7000001"] });
    const count = (keep: (f: Stored) => boolean) => all.filter(keep).length;
    expect(facets.review_status).toEqual([
      { value: "pending", label: "pending", count: count(pending), approximate: false },
      { value: "held", label: "held", count: 5, approximate: false },
      { value: "approved", label: "approved", count: 10, approximate: false },
      { value: "rejected", label: "rejected", count: 3, approximate: false },
    ]);
    for (const o of facets.unit) expect(o.count).toBe(count((f) => f.unit === o.value));
    expect(facets.campaign.find((o) => o.value === "8001")).toMatchObject({ label: "Campaign 1", count: count((f) => f.campaign_id === "8001") });
    expect(facets.campaign.find((o) => o.value === "424242")).toMatchObject({ label: "Campaign 424242", count: 0 });
    expect(facets.has_issues).toEqual([
      { value: "yes", label: "Has issues", count: count((f) => f.has_issues), approximate: false },
      { value: "no", label: "No issues", count: count((f) => !f.has_issues), approximate: false },
    ]);
    expect(facets.promoter).toEqual([{ value: "7000001", label: "P1.Promoter@Example.com" }]);
  });

  it("shows a fulfilment with its deliveries (re-sends included), review history and sync state; 404 for anything else", async () => {
    const detail = await getFulfilment(prisma, handId(1));
    expect(detail?.fulfilment).toMatchObject({ id: handId(1), reviewStatus: "approved", deliveryCount: 2, amount: "138.0000", unit: "free_months" });
    expect(detail?.promoter).toMatchObject({ id: "7000001", email: "P1.Promoter@Example.com", name: null });
    expect(detail?.campaign).toEqual({ id: "8001", name: "Campaign 1" });
    expect(detail?.sync.kind).toBe("answered_200");
    expect(detail?.commands).toEqual([expect.objectContaining({ kind: "mark_fulfilled", state: "not_connected", attempts: 0, decidedBy: admin.email })]);
    expect(detail?.queued).toBeNull();
    expect(detail?.deliveries.map((d) => d.statusCode)).toEqual([200, 202]);
    expect(detail?.deliveries.map((d) => [d.externalEventId, d.outcome])).toEqual([
      ["96000001", "duplicate"],
      ["96000001", "accepted"],
    ]);
    expect(detail?.audits.map((a) => [a.action, a.actorEmail])).toEqual([["fulfilment.approve", admin.email]]);
    expect(detail?.fulfilment.reward).toMatchObject({ unit: "free_months" });
    for (const id of ["abc", "0", "-1", "1.5", "99999999999999999999", "", " 1", "123456789"]) expect(await getFulfilment(prisma, id)).toBeNull();
  });

  it("sums the approve dialog's totals per unit exactly, in decimal", () => {
    expect(
      totalByUnit([
        { amount: "0.1000", unit: "cash" },
        { amount: "0.2000", unit: "cash" },
        { amount: "99999999999999.9999", unit: "cash" },
        { amount: "3.0000", unit: "free_months" },
        { amount: null, unit: "free_months" },
        { amount: "-1.5", unit: null },
      ]),
    ).toEqual([
      { unit: "cash", total: "100000000000000.2999", count: 3 },
      { unit: "free_months", total: "3", count: 2 },
      { unit: null, total: "-1.5", count: 1 },
    ]);
  });
});
