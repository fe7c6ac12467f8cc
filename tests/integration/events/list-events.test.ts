// The events screen's queries against a real database (Postgres with TEST_DATABASE_URL, else PGlite):
// a simulated stream delivered through the webhook contract plus hand-made failed, ignored and refused
// deliveries; every filter, both sorts, keyset paging forward and back without duplicates or gaps
// (ties on the sort key included), search by email and promoter id, and hostile URL values.
import type { LedgerPool } from "@/lib/db/pool.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "@/lib/data-table/cursor.ts";
import { COUNT_CAP } from "@/lib/data-table/keyset.ts";
import { getDb } from "@/lib/db/index.ts";
import { getEvent } from "@/lib/events/get-event.ts";
import { listDeliveries } from "@/lib/events/list-deliveries.ts";
import { listEventFacets } from "@/lib/events/list-event-facets.ts";
import { listEvents } from "@/lib/events/list-events.ts";
import { parseDeliveriesSearch, parseEventsSearch } from "@/lib/events/search-params.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { generateStream } from "@/lib/simulator/generate-stream.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { envelope, post, rows } from "../webhook/helpers.ts";
import { expectPaged, walkPages } from "../../helpers/walk-pages.ts";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const DAY = 86_400_000;

let db: TestDatabase;
let prisma: PrismaClient;
let pool: LedgerPool;

type Stored = { id: string; external_id: string; type: string; status: string; occurred_at: Date; received_at: Date; payload: any };
let all: Stored[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  for (const d of generateStream({ seed: 11, events: 240, now: NOW, duplicates: 0.1 })) {
    const res = await post(pool, d.body);
    if (res.status >= 300) throw new Error(`seed delivery answered ${res.status}`);
  }
  // A known type whose data fails its schema (stored as failed), with a promoter and a mixed-case email.
  await post(pool, envelope("reward_created", 91000001, "2026-02-20T10:00:00.000Z", { id: "x", promoter: { id: 9100001, email: "Mixed.Case@Example.COM" } }));
  // An unknown type (stored as ignored) naming a reward's lead the way reward_created does.
  await post(pool, envelope("payout_created", 91000002, "2026-02-21T10:00:00.000Z", { id: 5, lead: { email: "lead.only@example.com" }, promoter: { id: 9100001 } }));
  // Refused deliveries: wrong secret, a broken envelope naming a stored event, a wrong content type.
  await post(pool, envelope("lead_signup", 91000003, "2026-02-22T10:00:00.000Z", {}), { secret: "wrong" });
  await post(pool, { event: { id: 91000001, type: "reward_created" }, data: {} });
  await post(pool, "hello", { contentType: "text/plain" });
  // Ties on both sort keys: paging must order them by id and neither skip nor repeat one.
  await pool.query(`UPDATE webhook_event SET received_at = '2026-02-25T00:00:00Z', occurred_at = '2026-02-24T00:00:00Z'
                    WHERE id IN (SELECT id FROM webhook_event ORDER BY id OFFSET 100 LIMIT 25)`);
  all = await rows<Stored>(pool, "SELECT id::text, external_id, type, status::text, occurred_at, received_at, payload FROM webhook_event");
}, 300_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

const search = (qs: string | Record<string, string>) => parseEventsSearch(new URLSearchParams(qs));
const byReceivedDesc = (a: Stored, b: Stored) => b.received_at.getTime() - a.received_at.getTime() || Number(BigInt(b.id) - BigInt(a.id));
const byOccurred = (desc: boolean) => (a: Stored, b: Stored) =>
  (desc ? -1 : 1) * (a.occurred_at.getTime() - b.occurred_at.getTime() || Number(BigInt(a.id) - BigInt(b.id)));
const ids = (r: { id: string }[]) => r.map((x) => x.id);

/** Every page forward then back, as the UI does through the URL (tests/helpers/walk-pages.ts). */
const walk = (params: Record<string, string>) => walkPages((p) => listEvents(prisma, search(p)), params);


describe("listEvents: sorting and keyset paging", () => {
  it("defaults to newest received first, 50 a page, with an exact total on a small table", async () => {
    const page = await listEvents(prisma, search(""));
    expect(ids(page.rows)).toEqual(ids([...all].sort(byReceivedDesc).slice(0, 50)));
    expect(page.total).toEqual({ value: all.length, exact: true });
    expect(page.prevCursor).toBeNull();
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(page.rows[0]).toEqual({
      id: expect.any(String),
      externalId: expect.any(String),
      type: expect.any(String),
      format: "v1",
      entityType: null,
      status: expect.stringMatching(/^(processed|ignored|failed)$/),
      error: null,
      occurredAt: expect.any(Date),
      receivedAt: expect.any(Date),
    });
  });

  it("pages forward and back over received_at ties without duplicates or gaps", async () => {
    expectPaged(await walk({ perPage: "20" }), [...all].sort(byReceivedDesc), 20);
  });

  it("sorts by occurred_at either way and pages over its ties", async () => {
    expectPaged(await walk({ perPage: "20", sort: "occurred_at.desc" }), [...all].sort(byOccurred(true)), 20);
    expectPaged(await walk({ perPage: "20", sort: "occurred_at.asc" }), [...all].sort(byOccurred(false)), 20);
  });

  it("sorts received_at ascending", async () => {
    expectPaged(await walk({ perPage: "50", sort: "received_at.asc" }), [...all].sort(byReceivedDesc).reverse(), 50);
  });

  it("pages a filtered list too", async () => {
    const expected = all.filter((e) => e.type === "lead_signup" || e.type === "reward_created").sort(byOccurred(false));
    expect(expected.length).toBeGreaterThan(40);
    expectPaged(await walk({ perPage: "20", sort: "occurred_at.asc", type: "lead_signup,reward_created" }), expected, 20);
  });

  it("serves a full first page when going back from a position near the start", async () => {
    const sorted = [...all].sort(byReceivedDesc);
    const third = sorted[2] as Stored;
    const cursor = encodeCursor({ sort: "received_at", desc: true, value: third.received_at.toISOString(), id: third.id, dir: "prev" });
    const page = await listEvents(prisma, search({ perPage: "20", cursor }));
    expect(ids(page.rows)).toEqual(ids(sorted.slice(0, 20)));
    expect(page.prevCursor).toBeNull();
  });

  it("answers an empty last page (a cursor past the end) with no next page", async () => {
    const last = [...all].sort(byReceivedDesc).at(-1) as Stored;
    const cursor = encodeCursor({ sort: "received_at", desc: true, value: last.received_at.toISOString(), id: last.id, dir: "next" });
    const page = await listEvents(prisma, search({ cursor }));
    expect(page.rows).toEqual([]);
    expect(page.nextCursor).toBeNull();
  });
});

describe("listEvents: filters", () => {
  const expectFilter = async (params: Record<string, string>, keep: (e: Stored) => boolean) => {
    const expected = all.filter(keep).sort(byReceivedDesc);
    const page = await listEvents(prisma, search({ perPage: "100", ...params }));
    expect(ids(page.rows)).toEqual(ids(expected.slice(0, 100)));
    expect(page.total).toEqual({ value: expected.length, exact: true });
    return expected;
  };

  it("by one type and by several", async () => {
    expect((await expectFilter({ type: "new_customer" }, (e) => e.type === "new_customer")).length).toBeGreaterThan(0);
    await expectFilter({ type: "lead_signup,promoter_accepted" }, (e) => e.type === "lead_signup" || e.type === "promoter_accepted");
    await expectFilter({ type: "no_such_type" }, () => false);
  });

  it("by outcome", async () => {
    expect(await expectFilter({ outcome: "failed" }, (e) => e.status === "failed")).toHaveLength(1);
    expect(await expectFilter({ outcome: "ignored" }, (e) => e.status === "ignored")).not.toHaveLength(0);
    await expectFilter({ outcome: "processed,ignored" }, (e) => e.status !== "failed");
  });

  it("by occurred date range: from, to (exclusive) and both", async () => {
    const from = NOW.getTime() - 20 * DAY;
    const to = NOW.getTime() - 10 * DAY;
    const inRange = (e: Stored) => e.occurred_at.getTime() >= from && e.occurred_at.getTime() < to;
    expect((await expectFilter({ occurred_at: `${from},${to}` }, inRange)).length).toBeGreaterThan(0);
    await expectFilter({ occurred_at: `${from},` }, (e) => e.occurred_at.getTime() >= from);
    await expectFilter({ occurred_at: `,${to}` }, (e) => e.occurred_at.getTime() < to);
  });

  it("combines filters", async () => {
    const from = NOW.getTime() - 30 * DAY;
    await expectFilter(
      { type: "reward_created,payout_created", outcome: "processed,failed", occurred_at: `${from},` },
      (e) => ["reward_created", "payout_created"].includes(e.type) && e.status !== "ignored" && e.occurred_at.getTime() >= from,
    );
  });

  it("searches by FirstPromoter's event id", async () => {
    const target = all[17] as Stored;
    expect(ids((await listEvents(prisma, search({ q: target.external_id }))).rows)).toContain(target.id);
    expect(ids((await listEvents(prisma, search({ q: ` 000${target.external_id} ` }))).rows)).toContain(target.id);
  });

  it("searches by email wherever the payload has one, case-insensitively, failed and ignored events included", async () => {
    const lead = all.find((e) => e.type === "lead_signup") as Stored;
    const leadEmail: string = lead.payload.data.email;
    const mentions = (email: string) => (e: Stored) =>
      [e.payload.data?.email, e.payload.data?.promoter?.email, e.payload.data?.lead?.email].some((v) => typeof v === "string" && v.toLowerCase() === email);
    const found = await expectFilter({ q: leadEmail.toUpperCase() }, mentions(leadEmail.toLowerCase()));
    // The lead's later events (referral, customer, rewards) mention the same address.
    expect(found.length).toBeGreaterThanOrEqual(1);

    const promoterEmail: string = lead.payload.data.promoter.email;
    expect((await expectFilter({ q: promoterEmail }, mentions(promoterEmail.toLowerCase()))).length).toBeGreaterThan(1);

    const failed = await expectFilter({ q: "mixed.case@example.com" }, (e) => e.external_id === "91000001");
    expect(failed).toHaveLength(1);
    expect(await expectFilter({ q: "lead.only@example.com" }, (e) => e.external_id === "91000002")).toHaveLength(1);
    await expectFilter({ q: "nobody@example.com" }, () => false);
  });

  it("searches by promoter id inside the payload, for every event type", async () => {
    const promoterId = String((all.find((e) => e.type === "lead_signup") as Stored).payload.data.promoter.id);
    const expected = await expectFilter({ q: promoterId }, (e) => String(e.payload.data?.promoter?.id) === promoterId);
    expect(new Set(expected.map((e) => e.type)).size).toBeGreaterThan(1);
    expect(await expectFilter({ q: "9100001" }, (e) => ["91000001", "91000002"].includes(e.external_id))).toHaveLength(2);
  });
});

describe("hostile URL values fall back to defaults and never fail the query", () => {
  const huge = "x".repeat(100_000);
  const garbageCursors = [
    "not-base64!!",
    "AAAA",
    Buffer.from('["received_at",1,"2026-01-01T00:00:00.000Z","1;DROP TABLE webhook_event","n"]').toString("base64url"),
    Buffer.from('["received_at",1,"2026-13-45T99:99:99.000Z","1","n"]').toString("base64url"),
    Buffer.from('["payload",1,"x","1","n"]').toString("base64url"),
    Buffer.from('["received_at",1,"2026-01-01T00:00:00.000Z","99999999999999999999","n"]').toString("base64url"),
    Buffer.from('{"__proto__":{"polluted":1}}').toString("base64url"),
    huge,
  ];
  const cases: Record<string, string>[] = [
    { sort: "received_at;DROP TABLE webhook_event" },
    { sort: "payload.desc" },
    { sort: "__proto__.asc" },
    { perPage: "1000000" },
    { perPage: "-1" },
    { perPage: "20abc" },
    { type: "'; DROP TABLE webhook_event; --" },
    { type: huge },
    { type: Array.from({ length: 500 }, (_, i) => `t${i}`).join(",") },
    { outcome: "processed,evil') OR 1=1 --" },
    { outcome: "PROCESSED" },
    { occurred_at: "abc,def" },
    { occurred_at: "-5,10" },
    { occurred_at: "10,5" },
    { occurred_at: "1,2,3" },
    { occurred_at: "99999999999999999999," },
    { q: "' OR 1=1 --" },
    { q: "%' OR '%'='" },
    { q: "a@b'); DROP TABLE webhook_event; --" },
    { q: huge },
    { q: "\u0000abc" },
    { q: "😀@例え.jp" },
    { q: "{data,email}" },
    ...garbageCursors.map((cursor) => ({ cursor })),
    { sort: "occurred_at.desc", cursor: encodeCursor({ sort: "received_at", desc: true, value: NOW.toISOString(), id: "5", dir: "next" }) },
  ];

  it.each(cases.map((c) => [JSON.stringify(c).slice(0, 100), c] as const))("%s", async (_name, params) => {
    const parsed = search(params);
    const page = await listEvents(prisma, parsed);
    expect(Array.isArray(page.rows)).toBe(true);
    expect([20, 50, 100]).toContain(parsed.perPage);
    expect(page.rows.length).toBeLessThanOrEqual(parsed.perPage);
  });

  it("leaves the table where it was", async () => {
    const [row] = await rows<{ n: number }>(pool, "SELECT count(*)::int AS n FROM webhook_event");
    expect(row?.n).toBe(all.length);
  });

  it("reads repeated parameters (?type=a&type=b) like a list", async () => {
    const params = new URLSearchParams([["type", "lead_signup"], ["type", "new_customer"]]);
    expect(parseEventsSearch(params).filters.type).toEqual(["lead_signup", "new_customer"]);
    expect(parseEventsSearch({ type: ["lead_signup", "new_customer"] }).filters.type).toEqual(["lead_signup", "new_customer"]);
  });
});

describe("deliveries, facets and the event detail", () => {
  const deliveries = (qs: Record<string, string>) => listDeliveries(prisma, parseDeliveriesSearch(new URLSearchParams(qs)));

  it("lists every delivery, refused ones included, newest first, and pages both ways", async () => {
    const expected = await rows<{ id: string }>(pool, "SELECT id::text FROM webhook_delivery ORDER BY received_at DESC, id DESC");
    let page = await deliveries({ perPage: "100" });
    const seen = ids(page.rows);
    while (page.nextCursor) {
      page = await deliveries({ perPage: "100", cursor: page.nextCursor });
      seen.push(...ids(page.rows));
    }
    expect(seen).toEqual(ids(expected));
    const back = [ids(page.rows)];
    while (page.prevCursor) {
      page = await deliveries({ perPage: "100", cursor: page.prevCursor });
      back.unshift(ids(page.rows));
    }
    expect(back.flat()).toEqual(ids(expected));
  });

  it("filters by outcome and status code, and links a refused delivery to the event when one was stored", async () => {
    const rejected = await deliveries({ outcome: "rejected" });
    expect(rejected.rows.map((r) => r.statusCode).sort()).toEqual([400, 401, 415, 422]);
    expect(rejected.total).toEqual({ value: 4, exact: true });
    const broken = rejected.rows.find((r) => r.statusCode === 400);
    const stored = all.find((e) => e.external_id === "91000001") as Stored;
    expect(broken).toMatchObject({ externalEventId: "91000001", eventId: stored.id, errorCode: "invalid_envelope" });
    expect(rejected.rows.find((r) => r.statusCode === 401)).toMatchObject({ externalEventId: null, eventId: null, errorCode: "unauthorized" });

    const codes = await deliveries({ status_code: "401,415" });
    expect(codes.rows.map((r) => r.statusCode).sort()).toEqual([401, 415]);
    const dupes = await deliveries({ outcome: "duplicate", status_code: "200,202" });
    expect(dupes.rows.length).toBeGreaterThan(0);
    expect(dupes.rows.every((r) => r.outcome === "duplicate" && r.eventId !== null)).toBe(true);
    expect((await deliveries({ status_code: "999,abc" })).total.value).toBe(rejected.total.value + (await deliveries({ outcome: "accepted,duplicate,ignored" })).total.value);
  });

  it("counts types and outcomes exactly on a small table", async () => {
    const facets = await listEventFacets(prisma, ["selected_but_absent"]);
    const count = (type: string) => all.filter((e) => e.type === type).length;
    for (const o of facets.type) expect(o).toMatchObject({ value: o.value, count: count(o.value), approximate: false });
    expect(facets.type.map((o) => o.value)).toEqual(expect.arrayContaining(["lead_signup", "payout_created", "promoter_signs_up", "selected_but_absent"]));
    expect(facets.outcome.find((o) => o.value === "failed")).toMatchObject({ count: 1, approximate: false });
  });

  it("shows an event with the records it touched and its delivery attempts; 404 for anything else", async () => {
    const fulfilment = all.find((e) => e.type === "fulfilment_pending" && e.status === "processed") as Stored;
    const detail = await getEvent(prisma, fulfilment.id);
    expect(detail?.event).toMatchObject({ id: fulfilment.id, externalId: fulfilment.external_id, type: "fulfilment_pending" });
    expect(detail?.event.payload).toEqual(fulfilment.payload);
    expect(detail?.touched.map((t) => t.type)).toEqual(expect.arrayContaining(["promoter", "fulfilment"]));
    expect(detail?.touched.find((t) => t.type === "promoter")?.label).toBe(fulfilment.payload.data.promoter.email);
    // A fulfilment is sent once per id here, so every value it holds came from this event.
    expect(detail?.touched.find((t) => t.type === "fulfilment")?.currentFields).toEqual(expect.arrayContaining(["amount", "unit", "promoter_id"]));
    // The first event that named a promoter no longer holds its status once a later one changed it.
    const signup = all.filter((e) => e.type === "promoter_signed_up" || e.type === "promoter_signs_up").sort(byOccurred(false))[0] as Stored;
    const accepted = all.find((e) => e.type === "promoter_accepted" && e.payload.data.promoter.id === signup.payload.data.promoter.id);
    expect(accepted).toBeDefined();
    expect((await getEvent(prisma, signup.id))?.touched.find((t) => t.type === "promoter")?.currentFields).not.toContain("status");
    expect(detail?.deliveries.length).toBeGreaterThanOrEqual(1);
    expect(detail?.deliveries.every((d) => d.eventId === fulfilment.id)).toBe(true);

    for (const id of ["abc", "0", "-1", "1.5", "99999999999999999999", "9223372036854775807", "", " 1"]) expect(await getEvent(prisma, id)).toBeNull();
  });
});

describe("totals on a large set", () => {
  it("caps a filtered count at 10,000+ and estimates the unfiltered one", async () => {
    await pool.query(`INSERT INTO webhook_event (source, external_id, type, occurred_at, payload, status)
                      SELECT 'firstpromoter', 'bulk-' || i, 'bulk_test', now(), '{}', 'ignored' FROM generate_series(1, ${COUNT_CAP + 50}) AS i`);
    await pool.query("ANALYZE webhook_event");
    const filtered = await listEvents(prisma, search({ type: "bulk_test" }));
    expect(filtered.total).toEqual({ value: COUNT_CAP, exact: false, capped: true });
    expect(filtered.rows).toHaveLength(50);
    const unfiltered = await listEvents(prisma, search(""));
    expect(unfiltered.total.exact).toBe(false);
    expect(unfiltered.total.value).toBeGreaterThan(COUNT_CAP);
    const facets = await listEventFacets(prisma);
    expect(facets.type.find((o) => o.value === "bulk_test")?.count).toBeGreaterThan(0);
  });
});
