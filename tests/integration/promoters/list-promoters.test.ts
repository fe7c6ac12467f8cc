// The promoters screen's queries against a real database (Postgres with TEST_DATABASE_URL, else PGlite):
// a simulated stream plus hand-made deliveries (tests/integration/promoters/seed.ts); every filter, the
// search box, every sort including balance sorts with ties, zeros, negatives and promoters without
// that balance, keyset paging forward and back without duplicates or gaps, facets, and hostile URL values.
import type { LedgerPool } from "@/lib/db/pool.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "@/lib/data-table/cursor.ts";
import { getDb } from "@/lib/db/index.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { listPromoterFacets } from "@/lib/promoters/list-promoter-facets.ts";
import { listPromoters } from "@/lib/promoters/list-promoters.ts";
import { BALANCE_KINDS, BALANCE_SORTS, BALANCE_UNITS } from "@/lib/promoters/balance-units.ts";
import { parsePromotersSearch } from "@/lib/promoters/search-params.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { rows } from "../webhook/helpers.ts";
import { compareDecimal, compareId, type Expected, HAND, HAND_CAMPAIGN, LONG_NAME, NOW, readPromoters, seedPromoters, TIED_CREATED } from "./seed.ts";
import { expectPaged, walkPages } from "../../helpers/walk-pages.ts";

const DAY = 86_400_000;

let db: TestDatabase;
let prisma: PrismaClient;
let pool: LedgerPool;
let all: Expected[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  await seedPromoters(pool);
  all = await readPromoters(pool);
}, 300_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

const search = (qs: string | Record<string, string>) => parsePromotersSearch(new URLSearchParams(qs));
const ids = (r: { id: string }[]) => r.map((x) => x.id);
const byCreated = (desc: boolean) => (a: Expected, b: Expected) =>
  (desc ? -1 : 1) * (a.created.getTime() - b.created.getTime() || compareId(a.id, b.id));

/** The documented balance order: promoters with the balance by (amount, id), then those without by id; both in the sort's direction. */
function byBalance(key: string, desc: boolean): (a: Expected, b: Expected) => number {
  const sign = desc ? -1 : 1;
  return (a, b) => {
    const x = a.balances.get(key);
    const y = b.balances.get(key);
    if (x !== undefined && y === undefined) return -1;
    if (x === undefined && y !== undefined) return 1;
    return sign * ((x !== undefined && y !== undefined ? compareDecimal(x, y) : 0) || compareId(a.id, b.id));
  };
}

/** Every page forward then back, as the UI does through the URL (tests/helpers/walk-pages.ts). */
const walk = (params: Record<string, string>) => walkPages((p) => listPromoters(prisma, search(p)), params);


describe("the seed", () => {
  it("has what the tests below rely on", () => {
    expect(all.length).toBeGreaterThan(60);
    const has = (key: string) => all.filter((p) => p.balances.has(key)).length;
    for (const key of ["cash_current", "points_current", "free_months_current", "credits_current", "discount_per_current"]) expect(has(key)).toBeGreaterThan(0);
    expect(all.filter((p) => p.balances.size === 0).length).toBeGreaterThan(5);
    expect(all.filter((p) => p.created.toISOString() === TIED_CREATED).length).toBeGreaterThan(8);
    expect(all.find((p) => p.id === String(HAND.noCreated))?.email).toBe("nocreated@example.com");
  });
});

describe("listPromoters: sorting and keyset paging", () => {
  it("defaults to newest created first, 50 a page, with an exact total and the row's shape", async () => {
    const page = await listPromoters(prisma, search(""));
    expect(ids(page.rows)).toEqual(ids([...all].sort(byCreated(true)).slice(0, 50)));
    expect(page.total).toEqual({ value: all.length, exact: true });
    expect(page.prevCursor).toBeNull();
    expect(page.nextCursor).toEqual(expect.any(String));
    const multi = (await listPromoters(prisma, search({ q: "under_score" }))).rows[0];
    expect(multi).toEqual({
      id: String(HAND.multi),
      status: "active",
      deleted: false,
      email: "Under_Score@Example.COM",
      name: "Zoë O'Brien",
      refId: "HANDREF",
      createdAt: new Date("2026-01-15T08:00:00.000Z"),
      balances: expect.arrayContaining([
        { kind: "current", unit: "cash", amount: "1000.0000" },
        { kind: "paid", unit: "discount_per", amount: "0.0000" },
        { kind: "earnings", unit: "mon_discount", amount: "3.0000" },
      ]),
      campaigns: [{ id: HAND_CAMPAIGN, name: "Hand-made campaign" }],
    });
    expect(multi?.balances).toHaveLength(9);
  });

  it("falls back to when Ledger first saw a promoter without FirstPromoter's created_at", async () => {
    const [row] = await rows<{ first_seen_at: Date; fp_created_at: Date | null }>(pool, "SELECT first_seen_at, fp_created_at FROM promoter WHERE id = $1", [HAND.noCreated]);
    expect(row?.fp_created_at).toBeNull();
    const found = (await listPromoters(prisma, search({ q: "nocreated@" }))).rows;
    expect(found.map((r) => [r.id, r.createdAt])).toEqual([[String(HAND.noCreated), row?.first_seen_at]]);
  });

  it("pages forward and back over created ties without duplicates or gaps, both directions", async () => {
    expectPaged(await walk({ perPage: "20" }), [...all].sort(byCreated(true)), 20);
    expectPaged(await walk({ perPage: "20", sort: "created.asc" }), [...all].sort(byCreated(false)), 20);
  });

  it.each([...BALANCE_SORTS.keys()].flatMap((key) => [[key, true] as const, [key, false] as const]))(
    "sorts by %s (desc: %s): balances in order, ties by id, then promoters without that balance; pages both ways",
    async (key, desc) => {
      const expected = [...all].sort(byBalance(key, desc));
      expectPaged(await walk({ perPage: "20", sort: `${key}.${desc ? "desc" : "asc"}` }), expected, 20);
    },
  );

  it("puts ties, zeros, negatives and a 15-digit amount where they belong", async () => {
    const page = await listPromoters(prisma, search({ sort: "cash_current.desc", perPage: "100" }));
    expect(page.rows[0]?.id).toBe(String(HAND.huge));
    expect(page.rows[0]?.balances).toContainEqual({ kind: "current", unit: "cash", amount: "999999999999999.0000" });
    const order = ids(page.rows);
    const tied = HAND.ties.map(String);
    const at = order.indexOf(tied[4] as string);
    expect(order.slice(at, at + 5)).toEqual([...tied].reverse()); // same amount: id descending, adjacent
    const asc = await listPromoters(prisma, search({ sort: "cash_current.asc", perPage: "20" }));
    expect(asc.rows[0]?.id).toBe(String(HAND.negative)); // -$5.00 first, then the zeros
    // Promoters without a cash row come last in both directions.
    const noCash = all.filter((p) => !p.balances.has("cash_current")).map((p) => p.id);
    expect(noCash.length).toBeGreaterThan(0);
    const everything = await walk({ perPage: "100", sort: "cash_current.asc" });
    expect(everything.forward.slice(-noCash.length).sort()).toEqual([...noCash].sort());
  });

  it("keeps the position when a page boundary falls between the two parts (with and without the balance)", async () => {
    const key = "points_paid";
    const withRow = all.filter((p) => p.balances.has(key)).length;
    expect(withRow).toBeGreaterThan(0);
    // Page sizes that put the boundary inside, exactly at, and right after the first part.
    for (const perPage of ["20", "50", "100"]) {
      const expected = [...all].sort(byBalance(key, true));
      expectPaged(await walk({ perPage, sort: `${key}.desc` }), expected, Number(perPage));
    }
  });

  it("goes back to a full first page from a position near the start", async () => {
    const sorted = [...all].sort(byBalance("cash_current", true));
    const third = sorted[2] as Expected;
    const cursor = encodeCursor({ sort: "cash_current", desc: true, value: third.balances.get("cash_current") as string, id: third.id, dir: "prev" });
    const page = await listPromoters(prisma, search({ sort: "cash_current.desc", perPage: "20", cursor }));
    expect(ids(page.rows)).toEqual(ids(sorted.slice(0, 20)));
    expect(page.prevCursor).toBeNull();

    const created = [...all].sort(byCreated(true));
    const c3 = created[2] as Expected;
    const createdCursor = encodeCursor({ sort: "created", desc: true, value: c3.created.toISOString(), id: c3.id, dir: "prev" });
    expect(ids((await listPromoters(prisma, search({ perPage: "20", cursor: createdCursor }))).rows)).toEqual(ids(created.slice(0, 20)));
  });

  it("continues from a cursor in the part without the balance, and goes back across into the part with it", async () => {
    const sorted = [...all].sort(byBalance("points_current", true));
    const firstWithout = sorted.findIndex((p) => !p.balances.has("points_current"));
    expect(firstWithout).toBeGreaterThan(1);
    const p = sorted[firstWithout] as Expected;
    const next = encodeCursor({ sort: "points_current", desc: true, value: "none", id: p.id, dir: "next" });
    const after = await listPromoters(prisma, search({ sort: "points_current.desc", perPage: "20", cursor: next }));
    expect(ids(after.rows)).toEqual(ids(sorted.slice(firstWithout + 1, firstWithout + 21)));
    // A position a few rows into the second part, with a full page before it: that page spans both parts.
    const at = Math.max(firstWithout + 3, 21);
    const q = sorted[at] as Expected;
    expect(q.balances.has("points_current")).toBe(false);
    const prev = encodeCursor({ sort: "points_current", desc: true, value: "none", id: q.id, dir: "prev" });
    const before = await listPromoters(prisma, search({ sort: "points_current.desc", perPage: "20", cursor: prev }));
    expect(ids(before.rows)).toEqual(ids(sorted.slice(at - 20, at)));
    expect(before.rows.some((r) => r.balances.some((b) => b.kind === "current" && b.unit === "points"))).toBe(true);
    expect(before.prevCursor).not.toBeNull();
  });

  it("answers an empty page past the end with no next page", async () => {
    const last = [...all].sort(byCreated(true)).at(-1) as Expected;
    const cursor = encodeCursor({ sort: "created", desc: true, value: last.created.toISOString(), id: last.id, dir: "next" });
    const page = await listPromoters(prisma, search({ cursor }));
    expect(page.rows).toEqual([]);
    expect(page.nextCursor).toBeNull();
    const lastBalance = [...all].sort(byBalance("credits_earnings", true)).at(-1) as Expected;
    const balanceCursor = encodeCursor({ sort: "credits_earnings", desc: true, value: "none", id: lastBalance.id, dir: "next" });
    const end = await listPromoters(prisma, search({ sort: "credits_earnings.desc", cursor: balanceCursor }));
    expect(end.rows).toEqual([]);
    expect(end.nextCursor).toBeNull();
  });
});

describe("listPromoters: filters and search", () => {
  const expectFilter = async (params: Record<string, string>, keep: (p: Expected) => boolean) => {
    const expected = all.filter(keep).sort(byCreated(true));
    const page = await listPromoters(prisma, search({ perPage: "100", ...params }));
    expect(ids(page.rows)).toEqual(ids(expected.slice(0, 100)));
    expect(page.total).toEqual({ value: expected.length, exact: true });
    return expected;
  };

  it("by status, one or several", async () => {
    expect((await expectFilter({ status: "active" }, (p) => p.status === "active")).length).toBeGreaterThan(10);
    expect((await expectFilter({ status: "denied,blocked" }, (p) => p.status === "denied" || p.status === "blocked")).length).toBeGreaterThanOrEqual(2);
    await expectFilter({ status: "no_such_status" }, () => false);
  });

  it("by campaign, through the promoter's promotions", async () => {
    const campaigns = [...new Set(all.flatMap((p) => [...p.campaigns]))];
    expect(campaigns.length).toBeGreaterThan(1);
    for (const c of campaigns) expect((await expectFilter({ campaign: c }, (p) => p.campaigns.has(c))).length).toBeGreaterThan(0);
    const two = campaigns.slice(0, 2);
    await expectFilter({ campaign: two.join(",") }, (p) => two.some((c) => p.campaigns.has(c)));
    await expectFilter({ campaign: "999999999" }, () => false);
  });

  it("by a non-zero current balance in any of the chosen units", async () => {
    const nonZero = (p: Expected, unit: string) => {
      const v = p.balances.get(`${unit}_current`);
      return v !== undefined && compareDecimal(v, "0") !== 0;
    };
    const cash = await expectFilter({ balance: "cash" }, (p) => nonZero(p, "cash"));
    expect(cash.map((p) => p.id)).toContain(String(HAND.negative)); // negative is non-zero
    expect(cash.map((p) => p.id)).not.toContain(String(HAND.noCreated));
    expect((await expectFilter({ balance: "mon_discount" }, (p) => nonZero(p, "mon_discount"))).map((p) => p.id)).toEqual([String(HAND.multi)]);
    await expectFilter({ balance: "points,discount_per" }, (p) => nonZero(p, "points") || nonZero(p, "discount_per"));
    // The huge promoter's points row is 0: it has the row, not the balance.
    expect((await listPromoters(prisma, search({ balance: "points", q: "huge@" }))).rows).toEqual([]);
  });

  it("by created range: from, to (exclusive) and both", async () => {
    const from = NOW.getTime() - 40 * DAY;
    const to = new Date(TIED_CREATED).getTime();
    const inRange = (p: Expected) => p.created.getTime() >= from && p.created.getTime() < to;
    expect((await expectFilter({ created: `${from},${to}` }, inRange)).length).toBeGreaterThan(0);
    const fromTie = await expectFilter({ created: `${to},` }, (p) => p.created.getTime() >= to);
    expect(fromTie.map((p) => p.id)).toEqual(expect.arrayContaining(HAND.ties.map(String)));
    await expectFilter({ created: `,${to}` }, (p) => p.created.getTime() < to);
  });

  it("combines filters, and pages a filtered balance sort", async () => {
    const from = NOW.getTime() - 50 * DAY;
    const keep = (p: Expected) => p.status === "active" && p.balances.has("cash_current") && compareDecimal(p.balances.get("cash_current") as string, "0") !== 0 && p.created.getTime() >= from;
    await expectFilter({ status: "active", balance: "cash", created: `${from},` }, keep);
    const expected = all.filter((p) => p.status === "active").sort(byBalance("cash_earnings", false));
    expectPaged(await walk({ perPage: "20", status: "active", sort: "cash_earnings.asc" }), expected, 20);
  });

  /** The documented search: a case-insensitive prefix of the email, ref id (default or any promotion's), full or last name; a number is also an id. */
  const matches = (q: string) => (p: Expected) => {
    const t = q.trim().toLowerCase();
    const starts = (v: string | null | undefined) => typeof v === "string" && v.toLowerCase().startsWith(t);
    if (t.includes("@")) return starts(p.email);
    return (
      starts(p.email) || starts(p.ref) || starts(`${p.first ?? ""} ${p.last ?? ""}`) || starts(p.last) || p.promotionRefs.some(starts) ||
      (/^\d+$/.test(t) && BigInt(t) === BigInt(p.id))
    );
  };

  it.each([
    ["email prefix, any case", "UNDER_SC", [HAND.multi]],
    ["email with @", "under_score@example.com", [HAND.multi]],
    ["an underscore matches only itself", "under_", [HAND.multi]],
    ["a prefix both share", "under", [HAND.multi, HAND.wildcard]],
    ["first name", "zoë", [HAND.multi]],
    ["full name", "Zoë O'B", [HAND.multi]],
    ["last name", "o'brien", [HAND.multi]],
    ["default ref id, any case", "handref", [HAND.multi]],
    ["a promotion's ref id", "ALTREF", [HAND.multi]],
    ["promoter id", String(HAND.negative), [HAND.negative]],
    ["a percent sign is literal", "%", []],
    ["a backslash is literal", "\\", []],
  ] as const)("searches by %s", async (_name, q, expectedIds) => {
    const found = await expectFilter({ q }, matches(q));
    expect(found.map((p) => p.id).sort()).toEqual(expectedIds.map(String).sort());
  });

  it("finds a promoter whose name is too long for an index entry, by a prefix up to the longest search", async () => {
    const stored = all.find((p) => p.id === String(HAND.longName));
    expect(stored?.last).toHaveLength(5001); // stored whole; only the indexes hold a prefix
    for (const q of [`q${LONG_NAME.slice(0, 20)}`, `Q${LONG_NAME.slice(0, 253)}`, `Long Q${LONG_NAME.slice(0, 100)}`, `LONG Q${LONG_NAME.slice(0, 248)}`]) {
      expect(q.length).toBeLessThanOrEqual(254);
      expect((await expectFilter({ q }, matches(q))).map((p) => p.id)).toEqual([String(HAND.longName)]);
    }
    // A 254-character search that differs only in its last character finds nothing.
    await expectFilter({ q: `Q${LONG_NAME.slice(0, 252)}${LONG_NAME[252] === "a" ? "b" : "a"}` }, () => false);
  });

  it("searches simulated promoters by email, name and ref id the same way", async () => {
    const sample = all.find((p) => Number(p.id) < 9000000 && p.first && p.ref && p.email) as Expected;
    for (const q of [sample.email as string, (sample.email as string).slice(0, 4), sample.first as string, sample.ref as string, `${sample.first} ${sample.last}`]) {
      const found = await expectFilter({ q }, matches(q));
      expect(found.map((p) => p.id)).toContain(sample.id);
    }
  });

  it("searches inside a filtered balance sort", async () => {
    const expected = all.filter(matches("tie")).sort(byBalance("cash_current", true));
    expect(expected.length).toBe(5);
    const page = await listPromoters(prisma, search({ q: "tie", sort: "cash_current.desc" }));
    expect(ids(page.rows)).toEqual(ids(expected));
  });
});

describe("facets", () => {
  it("count statuses, campaigns and units with a non-zero current balance exactly on small tables", async () => {
    const facets = await listPromoterFacets(prisma, search({ status: "selected_absent", campaign: "424242", balance: "weird_unit" }).filters);
    const count = (keep: (p: Expected) => boolean) => all.filter(keep).length;
    for (const o of facets.status.filter((o) => o.value !== "selected_absent")) expect(o.count).toBe(count((p) => p.status === o.value));
    expect(facets.status.find((o) => o.value === "selected_absent")).toMatchObject({ count: 0 });
    const hand = facets.campaign.find((o) => o.value === HAND_CAMPAIGN);
    expect(hand).toMatchObject({ label: "Hand-made campaign", count: count((p) => p.campaigns.has(HAND_CAMPAIGN)) });
    expect(facets.campaign.find((o) => o.value === "424242")).toMatchObject({ label: "Campaign 424242", count: 0 });
    const nonZero = (unit: string) => count((p) => p.balances.has(`${unit}_current`) && compareDecimal(p.balances.get(`${unit}_current`) as string, "0") !== 0);
    for (const unit of [...BALANCE_UNITS, "mon_discount"]) expect(facets.balance.find((o) => o.value === unit)?.count).toBe(nonZero(unit));
    expect(facets.balance.find((o) => o.value === "discount_per")?.label).toBe("Discount %");
    expect(facets.balance.map((o) => o.value)).toContain("weird_unit");
  });
});

describe("the page's queries together", () => {
  // page.tsx starts the list and the facets at once; the embedded PGlite serves concurrent statements
  // beside an open transaction badly, so this runs them as the page does, repeatedly, in both modes.
  it.each(["", "sort=cash_current.desc", "status=active&balance=cash&sort=points_paid.asc", "q=tie&campaign=" + HAND_CAMPAIGN])("?%s", async (qs) => {
    for (let i = 0; i < 5; i++) {
      const parsed = search(qs);
      const [page, facets] = await Promise.all([listPromoters(prisma, parsed), listPromoterFacets(prisma, parsed.filters)]);
      expect(page.rows.length).toBeGreaterThan(0);
      expect(facets.status.length).toBeGreaterThan(0);
    }
  });
});

describe("hostile URL values fall back to defaults and never fail the query", () => {
  const huge = "x".repeat(100_000);
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const garbageCursors = [
    "not-base64!!",
    "AAAA",
    b64(["created", 1, "2026-01-01T00:00:00.000Z", "1;DROP TABLE promoter", "n"]),
    b64(["created", 1, "2026-13-45T99:99:99.000Z", "1", "n"]),
    b64(["email", 1, "x", "1", "n"]),
    b64(["cash_current", 1, "1e999", "1", "n"]),
    b64(["cash_current", 1, "1); DROP TABLE promoter; --", "1", "n"]),
    b64(["cash_current", 1, "99999999999999999999999", "1", "n"]),
    b64(["cash_current", 1, 5, "1", "n"]),
    b64(["created", 1, "2026-01-01T00:00:00.000Z", "99999999999999999999", "n"]),
    Buffer.from('{"__proto__":{"polluted":1}}').toString("base64url"),
    huge,
  ];
  const cases: Record<string, string>[] = [
    { sort: "created;DROP TABLE promoter" },
    { sort: "email.desc" },
    { sort: "cash_bogus.desc" },
    { sort: "__proto__.asc" },
    { sort: "constructor.desc" },
    { perPage: "1000000" },
    { perPage: "-1" },
    { status: "'; DROP TABLE promoter; --" },
    { status: huge },
    { status: Array.from({ length: 500 }, (_, i) => `s${i}`).join(",") },
    { campaign: "1 OR 1=1" },
    { campaign: "99999999999999999999999" },
    { campaign: "-1,0,abc" },
    { balance: "cash'); DROP TABLE promoter; --" },
    { balance: "CASH" },
    { created: "abc,def" },
    { created: "10,5" },
    { created: "99999999999999999999," },
    { q: "' OR 1=1 --" },
    { q: "%' OR '%'='" },
    { q: "a@b'); DROP TABLE promoter; --" },
    { q: huge },
    { q: "\u0000abc" },
    { q: "😀@例え.jp" },
    { q: "99999999999999999999999" },
    { q: "0" },
    ...garbageCursors.map((cursor) => ({ cursor })),
    ...garbageCursors.map((cursor) => ({ cursor, sort: "cash_current.desc" })),
    { sort: "cash_current.desc", cursor: encodeCursor({ sort: "created", desc: true, value: NOW.toISOString(), id: "5", dir: "next" }) },
    { sort: "points_paid.asc", cursor: encodeCursor({ sort: "points_paid", desc: false, value: "not-a-number", id: "5", dir: "prev" }) },
  ];

  it.each(cases.map((c) => [JSON.stringify(c).slice(0, 100), c] as const))("%s", async (_name, params) => {
    const parsed = search(params);
    const page = await listPromoters(prisma, parsed);
    expect(Array.isArray(page.rows)).toBe(true);
    expect([20, 50, 100]).toContain(parsed.perPage);
    expect(page.rows.length).toBeLessThanOrEqual(parsed.perPage);
  });

  it("serves the first page for a balance cursor whose value is not an amount", async () => {
    const cursor = encodeCursor({ sort: "cash_current", desc: true, value: "1); DROP TABLE promoter; --", id: "5", dir: "next" });
    const first = await listPromoters(prisma, search({ sort: "cash_current.desc" }));
    const page = await listPromoters(prisma, search({ sort: "cash_current.desc", cursor }));
    expect(ids(page.rows)).toEqual(ids(first.rows));
    expect(page.prevCursor).toBeNull();
  });

  it("parses bad values to the defaults", () => {
    const parsed = search({ sort: "email.desc", perPage: "7", status: "ACTIVE,ok", campaign: "0,12,abc", balance: "cash,Points" });
    expect(parsed.sort).toEqual({ id: "created", desc: true });
    expect(parsed.perPage).toBe(50);
    expect(parsed.filters).toMatchObject({ status: ["ok"], campaign: ["12"], balance: ["cash"], created: null });
    expect(BALANCE_SORTS.size).toBe(BALANCE_UNITS.length * BALANCE_KINDS.length);
  });

  it("leaves the tables where they were", async () => {
    const [row] = await rows<{ n: number }>(pool, "SELECT count(*)::int AS n FROM promoter");
    expect(row?.n).toBe(all.length);
  });
});
