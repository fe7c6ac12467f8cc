// Property: the final projections do not depend on delivery order, duplicates or concurrency.
// A generated, seeded stream of a few hundred events is delivered once, in order, one at a time, to
// database A; and shuffled with ~30% re-deliveries, 8 at a time over a pool of 8, to database B. Both must
// end with the same projections and the same event log, every event stored exactly once.
// (Meaningful on real Postgres; the embedded PGlite runs one statement at a time, so there it checks
// order and duplicates only.)
import type { LedgerPool } from "@/lib/db/pool.ts";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "@/lib/db/pool.ts";
import { type Delivery, generateStream } from "@/lib/simulator/generate-stream.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { type Body, mapConcurrent, post, projections, PROJECTION_TABLES, rows } from "./helpers.ts";

const SEED = 20241003;
const EVENTS = 300;
const NOW = new Date("2025-06-01T12:00:00.000Z");
const CONCURRENCY = 8;

const dbs: TestDatabase[] = [];
let poolA: LedgerPool;
let poolB: LedgerPool;

beforeAll(async () => {
  const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  dbs.push(a, b);
  poolA = createPool(a.url, { max: 2 });
  // Several ingest connections: deliveries race in separate backends, not only one after another in a pipeline.
  poolB = createPool(b.url, { max: CONCURRENCY, ingestConnections: 4 });
});

afterAll(async () => {
  await Promise.all([poolA?.end(), poolB?.end()]);
  await Promise.all(dbs.map((d) => d.drop()));
});

/** The event log as comparable rows (database ids differ, so records are keyed by the external id). */
async function eventLog(pool: pg.Pool) {
  const events = await rows(pool, "SELECT external_id, type, status::text, error, occurred_at, payload FROM webhook_event ORDER BY external_id");
  const touched = await rows(
    pool,
    `SELECT e.external_id, r.record_type::text, r.record_id FROM event_record r JOIN webhook_event e ON e.id = r.event_id
     ORDER BY e.external_id, r.record_type, r.record_id`,
  );
  return { events, touched };
}

const idOf = (d: Delivery) => String(d.body.event.id);

describe("a generated stream delivered in order vs shuffled, duplicated and concurrent", () => {
  const inOrder = generateStream({ seed: SEED, events: EVENTS, now: NOW });
  const shuffled = generateStream({ seed: SEED, events: EVENTS, now: NOW, duplicates: 0.3, shuffle: true });

  it("the streams are what the test assumes", () => {
    expect(new Set(inOrder.map(idOf)).size).toBe(EVENTS);
    expect(shuffled.length).toBe(EVENTS + Math.round(EVENTS * 0.3));
    expect(new Set(shuffled.map(idOf))).toEqual(new Set(inOrder.map(idOf)));
    // Actually out of order: not sorted by created_at.
    const times = shuffled.map((d) => d.body.event.created_at);
    expect(times).not.toEqual([...times].sort());
    // Every known type appears, and at least one fulfilment is re-sent.
    const types = new Set(inOrder.map((d) => d.body.event.type));
    for (const t of ["lead_signup", "lead_becomes_referral", "new_customer", "reward_created", "fulfilment_pending", "promoter_accepted"]) {
      expect(types).toContain(t);
    }
  });

  it("ends with identical projections and event logs, every event stored exactly once", async () => {
    const answersA = [];
    for (const d of inOrder) answersA.push(await post(poolA, d.body));
    const answersB = await mapConcurrent(shuffled, CONCURRENCY, (d) => post(poolB, d.body as Body));

    // Every delivery accepted: 200, or 202 for fulfilments (none is approved).
    const expectedStatus = (d: Delivery) => (d.body.event.type === "fulfilment_pending" ? 202 : 200);
    expect(answersA.map((r) => r.status)).toEqual(inOrder.map(expectedStatus));
    expect(answersB.map((r) => r.status)).toEqual(shuffled.map(expectedStatus));
    // Exactly one delivery of each event is new; the others are duplicates.
    const firsts = answersB.filter((r) => r.body.duplicate !== true);
    expect(firsts.length).toBe(EVENTS);
    expect(new Set(firsts.map((r) => r.body.event_id))).toEqual(new Set(inOrder.map(idOf)));

    // Every event id stored exactly once, in both databases.
    for (const pool of [poolA, poolB]) {
      const [counts] = await rows(pool, "SELECT count(*)::int AS n, count(DISTINCT (source, external_id))::int AS distinct_ids FROM webhook_event");
      expect(counts).toEqual({ n: EVENTS, distinct_ids: EVENTS });
    }
    // One delivery row per POST, and per event as many as it was sent.
    const perEvent = (stream: Delivery[]) => {
      const m: Record<string, number> = {};
      for (const d of stream) m[idOf(d)] = (m[idOf(d)] ?? 0) + 1;
      return m;
    };
    const deliveryCounts = async (pool: pg.Pool) =>
      Object.fromEntries(
        (await rows(pool, "SELECT external_event_id AS id, count(*)::int AS n FROM webhook_delivery GROUP BY 1")).map((r) => [r.id, r.n]),
      );
    expect(await deliveryCounts(poolA)).toEqual(perEvent(inOrder));
    expect(await deliveryCounts(poolB)).toEqual(perEvent(shuffled));
    expect(await rows(poolB, "SELECT outcome, count(*)::int AS n FROM webhook_delivery GROUP BY 1 ORDER BY 1")).toEqual(
      expect.arrayContaining([{ outcome: "duplicate", n: shuffled.length - EVENTS }]),
    );

    // The same event log and touched records…
    const [logA, logB] = await Promise.all([eventLog(poolA), eventLog(poolB)]);
    expect(logB.events).toEqual(logA.events);
    expect(logB.touched).toEqual(logA.touched);
    expect(logA.events.filter((e) => e.status === "processed").length).toBeGreaterThan(EVENTS * 0.9);

    // …and the same projections, table by table (receive times and delivery counters excluded).
    const [projA, projB] = await Promise.all([projections(poolA), projections(poolB)]);
    for (const t of PROJECTION_TABLES) {
      // v1 has no payouts (those are v2's: v2-order.test.ts).
      if (!t.startsWith("payout")) expect(projA[t]!.length, `${t} has rows`).toBeGreaterThan(0);
      expect(projB[t], `${t} after shuffled, duplicated, concurrent delivery`).toEqual(projA[t]);
    }
  }, 180_000);
});
