// Order, duplicates and concurrency for v2, and for v1 and v2 mixed: the final projections do not
// depend on them. A seeded v2 stream (the simulator's world told in v2 webhooks) is delivered once, in
// order, to database A, and shuffled with 30% re-deliveries, 8 at a time, to database B; then the same
// for a stream that moves from v1 to v2 midway with both sent for a while (records named by both).
// (Concurrency is meaningful on real Postgres; the embedded PGlite runs one statement at a time.)
import type { LedgerPool } from "@/lib/db/pool.ts";
import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPool } from "@/lib/db/pool.ts";
import { replayEvents } from "@/lib/events/replay-events.ts";
import { type AnyDelivery, deliveryId, generateMigrationStream, generateV2Stream, isV2 } from "@/lib/simulator/generate-stream.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { mapConcurrent, post, postV2, projections, PROJECTION_TABLES, rows, truncateAll } from "./helpers.ts";

const SEED = 20261203;
const EVENTS = 250;
const NOW = new Date("2025-06-01T12:00:00.000Z");
const CONCURRENCY = 8;

const dbs: TestDatabase[] = [];
let poolA: LedgerPool;
let poolB: LedgerPool;

beforeAll(async () => {
  const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  dbs.push(a, b);
  poolA = createPool(a.url, { max: 2 });
  poolB = createPool(b.url, { max: CONCURRENCY, ingestConnections: 4 });
});

beforeEach(async () => {
  await Promise.all([truncateAll(poolA), truncateAll(poolB)]);
});

afterAll(async () => {
  await Promise.all([poolA?.end(), poolB?.end()]);
  await Promise.all(dbs.map((d) => d.drop()));
});

const send = (pool: LedgerPool, d: AnyDelivery) => (isV2(d) ? postV2(pool, d.body) : post(pool, d.body));

async function eventLog(pool: pg.Pool) {
  return rows(pool, "SELECT source, external_id, type, entity_type, status::text, occurred_at, payload FROM webhook_event ORDER BY source, external_id");
}

async function deliverBoth(inOrder: AnyDelivery[], shuffled: AnyDelivery[]) {
  const answersA = [];
  for (const d of inOrder) answersA.push(await send(poolA, d));
  const answersB = await mapConcurrent(shuffled, CONCURRENCY, (d) => send(poolB, d));
  for (const [i, r] of [...answersA, ...answersB].entries()) expect(r.status, `answer ${i}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  const distinct = new Set(inOrder.map(deliveryId)).size;
  expect(answersB.filter((r) => r.body.duplicate !== true).length).toBe(distinct);
  const [logA, logB] = await Promise.all([eventLog(poolA), eventLog(poolB)]);
  expect(logA.length).toBe(distinct);
  expect(logB).toEqual(logA);
  const [projA, projB] = await Promise.all([projections(poolA), projections(poolB)]);
  for (const t of PROJECTION_TABLES) expect(projB[t], `${t} after shuffled, duplicated, concurrent delivery`).toEqual(projA[t]);
  return projA;
}

describe("a v2 stream in order vs shuffled, 30% duplicated and concurrent", () => {
  const inOrder = generateV2Stream({ seed: SEED, events: EVENTS, now: NOW });
  const shuffled = generateV2Stream({ seed: SEED, events: EVENTS, now: NOW, duplicates: 0.3, shuffle: true });

  it("the stream is what the test assumes: every v2 entity kind, deletions, updates of one entity in order", () => {
    const types = new Set(inOrder.map((d) => d.body.event_type));
    for (const t of ["promoter.created", "promoter.balance.updated", "referral.created", "referral.updated", "commission.created", "payout.created", "payout.completed", "payout.commissions.added"]) {
      expect(types).toContain(t);
    }
    expect([...types].some((t) => t.startsWith("promoter_campaign."))).toBe(true);
    expect(shuffled.length).toBe(inOrder.length + Math.round(EVENTS * 0.3));
    const times = shuffled.map((d) => d.body.timestamp);
    expect(times).not.toEqual([...times].sort());
  });

  it("ends with the same projections and event log, each event stored once", async () => {
    const proj = await deliverBoth(inOrder, shuffled);
    for (const t of ["promoter", "promoter_balance", "promotion", "lead", "reward", "payout", "payout_commission", "fulfilment"]) {
      expect(proj[t]!.length, `${t} has rows`).toBeGreaterThan(0);
    }
    expect(proj.fulfilment!.every((f) => f.format === "v2")).toBe(true);
  }, 180_000);
});

describe("v1 then v2 for the same promoters and leads (both sent around the switch), in order vs shuffled", () => {
  const opts = { seed: SEED + 1, events: EVENTS, now: NOW, v2From: 0.5, overlap: 0.1 };
  const inOrder = generateMigrationStream(opts);
  const shuffled = generateMigrationStream({ ...opts, duplicates: 0.3, shuffle: true });

  it("converges whatever the order; one row per record whichever format named it", async () => {
    expect(inOrder.some(isV2)).toBe(true);
    expect(inOrder.some((d) => !isV2(d))).toBe(true);
    const proj = await deliverBoth(inOrder, shuffled);
    // Records told by both formats: v1's snapshot_event_id, then v2 keys (format 1 in the key).
    const both = await rows(poolA, "SELECT count(*)::int AS n FROM lead l WHERE EXISTS (SELECT 1 FROM event_record r JOIN webhook_event e ON e.id = r.event_id WHERE r.record_type = 'lead' AND r.record_id = l.id AND e.source = 'firstpromoter') AND EXISTS (SELECT 1 FROM event_record r JOIN webhook_event e ON e.id = r.event_id WHERE r.record_type = 'lead' AND r.record_id = l.id AND e.source = 'firstpromoter_v2')");
    expect(both[0].n).toBeGreaterThan(0);
    // One queue row per FirstPromoter id: v1's fulfilment_pending and v2's approved commission of the same reward merge.
    const ids = proj.fulfilment!.map((f) => String(f.id));
    expect(new Set(ids).size).toBe(ids.length);

    // Replay rebuilds the same projections from the stored events, both formats.
    await poolA.query(`TRUNCATE event_record, ${PROJECTION_TABLES.join(", ")} CASCADE`);
    const summary = await replayEvents(poolA, { status: "all" });
    expect(summary.failed).toEqual([]);
    const rebuilt = await projections(poolA);
    for (const t of PROJECTION_TABLES) expect(rebuilt[t], `${t} after replay`).toEqual(proj[t]);
  }, 180_000);
});
