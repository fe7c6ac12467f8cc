// The overview's queries against a real database (Postgres with TEST_DATABASE_URL, else PGlite): a
// simulated stream delivered through the webhook contract, plus hand-made events (failed, ignored,
// around midnight and across a DST change), huge and fractional reward amounts, and refused deliveries.
// Every period in three zones is checked against a reference computed here from the stream itself
// (wall-clock arithmetic via Intl), and the DST case against hand-written expectations.
import type { LedgerPool } from "@/lib/db/pool.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/index.ts";
import { formatAmount } from "@/lib/format/amount.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { getEventsReceived } from "@/lib/overview/get-events-received.ts";
import { getOverviewTotals } from "@/lib/overview/get-overview-totals.ts";
import { getOverviewTrend } from "@/lib/overview/get-overview-trend.ts";
import { getPendingFulfilments } from "@/lib/overview/get-pending-fulfilments.ts";
import { getRewardsByUnit } from "@/lib/overview/get-rewards-by-unit.ts";
import { hasOverviewData } from "@/lib/overview/has-overview-data.ts";
import { METRIC_KEYS, OVERVIEW_METRICS, type OverviewMetric } from "@/lib/overview/metrics.ts";
import type { OverviewQuery } from "@/lib/overview/period-window.ts";
import { resolveTimeZone } from "@/lib/overview/resolve-time-zone.ts";
import { OVERVIEW_PERIODS, type OverviewPeriod, PERIOD_IDS } from "@/lib/overview/search-params.ts";
import { generateStream } from "@/lib/simulator/generate-stream.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { envelope, post, rows, variant } from "../webhook/helpers.ts";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const DAY = 86_400_000;
const ZONES = ["UTC", "Asia/Tokyo", "America/New_York"];

let db: TestDatabase;
let prisma: PrismaClient;
let pool: LedgerPool;

/** What the reference needs of every stored event (read back after seeding; received_at is set by the test). */
type Stored = { type: string; status: string; occurred_at: Date; received_at: Date };
let events: Stored[] = [];
type Reward = { id: string; unit: string; status: string; amount: string; createdAt: Date };
const rewards = new Map<string, Reward>();
type Fulfilment = { id: string; unit: string; amount: string };
const fulfilments = new Map<string, Fulfilment>();
/** Refused deliveries, by when they arrived. */
const rejectedAt: Date[] = [];

let nextId = 95_000_000;
const leadSignupAt = (at: string) =>
  variant("lead_signup", nextId++, at, (d) => {
    d.id = nextId;
  });
const rewardBody = (id: number, unit: string, status: string, amount: string, createdAt: string) =>
  envelope("reward_created", nextId++, createdAt, { id, status, amount, unit, created_at: createdAt });

async function deliver(body: unknown) {
  const res = await post(pool, body);
  if (res.status >= 300) throw new Error(`seed delivery answered ${res.status}: ${JSON.stringify(res.body)}`);
}

beforeAll(async () => {
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  expect(await hasOverviewData(prisma)).toBe(false);

  const stream = generateStream({ seed: 5, events: 500, now: NOW, duplicates: 0.15, shuffle: true });
  for (const d of stream) {
    await deliver(d.body);
    const data = d.body.data as Record<string, any>;
    if (d.body.event.type === "reward_created") {
      rewards.set(String(data.id), { id: String(data.id), unit: data.unit, status: data.status, amount: String(data.amount), createdAt: new Date(data.created_at) });
    }
    if (d.body.event.type === "fulfilment_pending") fulfilments.set(String(data.id), { id: String(data.id), unit: data.unit, amount: String(data.amount) });
  }

  // Exactness: ten cash rewards whose sum is past 2^53 (a float sum would be off), a fraction of a cent,
  // and a status FirstPromoter may add later.
  const hand: Reward[] = [
    ...Array.from({ length: 10 }, (_, i) => ({ id: String(81_000_000 + i), unit: "cash", status: "approved", amount: "999999999999999", createdAt: new Date(NOW.getTime() - 2 * DAY) })),
    { id: "81000100", unit: "cash", status: "approved", amount: "1", createdAt: new Date(NOW.getTime() - 3 * DAY) },
    { id: "81000101", unit: "cash", status: "denied", amount: "0.25", createdAt: new Date(NOW.getTime() - 4 * DAY) },
    { id: "81000102", unit: "points", status: "pending", amount: "12.3456", createdAt: new Date(NOW.getTime() - 5 * DAY) },
  ];
  for (const r of hand) {
    await deliver(rewardBody(Number(r.id), r.unit, r.status, r.amount, r.createdAt.toISOString()));
    rewards.set(r.id, r);
  }

  // Around midnight in Tokyo (UTC+9) and New York, and across New York's DST start (2026-03-08 02:00 local).
  for (const at of [
    "2026-02-27T14:59:59.000Z", // Tokyo Feb 27 23:59:59
    "2026-02-27T15:00:00.000Z", // Tokyo Feb 28 00:00
    "2026-02-28T04:59:00.000Z", // New York Feb 27 23:59 (EST)
    "2026-02-28T05:00:00.000Z", // New York Feb 28 00:00
  ]) {
    await deliver(leadSignupAt(at));
  }
  // Neither counts: a lead_signup whose data fails its schema (stored as failed) and an unknown type (ignored).
  await post(pool, envelope("lead_signup", nextId++, "2026-02-28T10:00:00.000Z", { id: "not-an-id" }));
  await deliver(envelope("lead_exploded", nextId++, "2026-02-28T10:00:00.000Z", { id: 1 }));

  // Deterministic receive times: 90 s after each event occurred.
  await pool.query(`UPDATE webhook_event SET received_at = occurred_at + interval '90 seconds'`);

  // Refused deliveries (wrong secret, wrong content type, broken envelope), then placed in time.
  await post(pool, leadSignupAt("2026-02-20T10:00:00.000Z"), { secret: "wrong" });
  await post(pool, "hello", { contentType: "text/plain" });
  await post(pool, { event: { id: 1, type: "lead_signup" }, data: {} });
  await post(pool, leadSignupAt("2026-02-20T10:00:00.000Z"), { secret: null });
  const placed = ["2026-02-27T14:59:59.000Z", "2026-02-27T15:00:00.000Z", "2026-02-28T05:00:00.000Z", "2026-01-10T08:00:00.000Z"];
  const refused = await rows<{ id: string }>(pool, `SELECT id::text FROM webhook_delivery WHERE outcome = 'rejected' AND status_code <> 422 ORDER BY id`);
  expect(refused).toHaveLength(placed.length);
  for (const [i, r] of refused.entries()) await pool.query(`UPDATE webhook_delivery SET received_at = $1 WHERE id = $2`, [placed[i], r.id]);
  // The failed lead_signup was answered 422 and logged as rejected too, when its event arrived.
  const all = await rows<{ received_at: Date }>(pool, `SELECT received_at FROM webhook_delivery WHERE outcome = 'rejected' AND status_code = 422`);
  expect(all).toHaveLength(1);
  await pool.query(`UPDATE webhook_delivery d SET received_at = e.received_at FROM webhook_event e WHERE d.event_id = e.id AND d.status_code = 422`);
  rejectedAt.push(...placed.map((p) => new Date(p)));
  rejectedAt.push(...(await rows<{ received_at: Date }>(pool, `SELECT received_at FROM webhook_delivery WHERE status_code = 422`)).map((r) => r.received_at));

  events = await rows<Stored>(pool, "SELECT type, status::text, occurred_at, received_at FROM webhook_event");
}, 300_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

// ---------------------------------------------------------------------------------------------
// The reference: wall-clock arithmetic. A local time is kept as ms since the epoch of a UTC calendar
// showing the same wall clock; days and weeks are then plain multiples of DAY.

const wallFormat = new Map<string, Intl.DateTimeFormat>();
function wallClock(d: Date, zone: string): number {
  let f = wallFormat.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    wallFormat.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second, d.getUTCMilliseconds());
}

function bucketStart(wall: number, bucket: "day" | "week"): number {
  const day = Math.floor(wall / DAY) * DAY;
  return bucket === "day" ? day : day - ((new Date(day).getUTCDay() + 6) % 7) * DAY; // ISO weeks start on Monday
}

/** The instant showing wall clock `wall` in `zone` (two rounds of the zone's offset settle it outside DST gaps). */
function instantOf(wall: number, zone: string): number {
  const offset = (t: number) => wallClock(new Date(t), zone) - t;
  const guess = wall - offset(wall);
  return wall - offset(guess);
}

function referenceWindow(period: OverviewPeriod, zone: string, now = NOW) {
  const spec = OVERVIEW_PERIODS[period];
  const step = spec.bucket === "day" ? DAY : 7 * DAY;
  const localNow = wallClock(now, zone);
  const last = bucketStart(localNow, spec.bucket);
  const first = last - (spec.buckets - 1) * step;
  const days = Array.from({ length: spec.buckets }, (_, i) => new Date(first + i * step).toISOString().slice(0, 10));
  return {
    days,
    startMs: instantOf(first, zone),
    endMs: instantOf(last + step, zone),
    bucketOf: (d: Date) => new Date(bucketStart(wallClock(d, zone), spec.bucket)).toISOString().slice(0, 10),
    inCurrent: (d: Date) => wallClock(d, zone) >= first && wallClock(d, zone) < last + step,
    inPrevious: (d: Date) => wallClock(d, zone) >= first - spec.buckets * step && wallClock(d, zone) < localNow - spec.buckets * step,
  };
}

const query = (period: OverviewPeriod, timeZone: string, now = NOW): OverviewQuery => ({ period, timeZone, now });
const typeOf = (m: OverviewMetric) => OVERVIEW_METRICS[m].type;
const processed = () => events.filter((e) => e.status === "processed");

/** Exact decimal sums: strings scaled to 1/10000 (numeric(20,4)) as BigInt, printed back without trailing zeros. */
const toUnits = (s: string) => {
  const [whole, frac = ""] = s.split(".");
  return BigInt(whole!) * 10_000n + BigInt((frac + "0000").slice(0, 4)) * (s.startsWith("-") ? -1n : 1n);
};
const fromUnits = (n: bigint) => {
  const whole = n / 10_000n;
  const frac = (n % 10_000n).toString().padStart(4, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : `${whole}`;
};
const sum = (amounts: string[]) => fromUnits(amounts.reduce((a, s) => a + toUnits(s), 0n));

// ---------------------------------------------------------------------------------------------

describe("totals and deltas", () => {
  it.each(ZONES.flatMap((z) => PERIOD_IDS.map((p) => [p, z] as const)))("%s in %s match the reference", async (period, zone) => {
    const ref = referenceWindow(period, zone);
    const totals = await getOverviewTotals(prisma, query(period, zone));
    expect(totals.range).toEqual({ from: ref.startMs, to: ref.endMs });
    for (const m of METRIC_KEYS) {
      const ofType = processed().filter((e) => e.type === typeOf(m));
      expect(totals[m], m).toEqual({
        current: ofType.filter((e) => ref.inCurrent(e.occurred_at)).length,
        previous: ofType.filter((e) => ref.inPrevious(e.occurred_at)).length,
      });
    }
  });

  it("counts each distinct processed event once: re-deliveries, failed and ignored events are not counted", async () => {
    const totals = await getOverviewTotals(prisma, query("90d", "UTC"));
    // 90 days back from NOW holds the whole 60-day stream.
    const distinctLeadSignups = new Set(
      generateStream({ seed: 5, events: 500, now: NOW, duplicates: 0.15 }).filter((d) => d.body.event.type === "lead_signup").map((d) => d.body.event.id),
    ).size;
    expect(totals.leads.current).toBe(distinctLeadSignups + 4);
    expect(events.filter((e) => e.type === "lead_signup" && e.status === "failed")).toHaveLength(1);
    expect(totals.leads.previous).toBe(0);
  });

  it("has non-trivial values to compare: something in both periods for 30d", async () => {
    const totals = await getOverviewTotals(prisma, query("30d", "UTC"));
    expect(totals.leads.current).toBeGreaterThan(10);
    expect(totals.leads.previous).toBeGreaterThan(10);
    expect(totals.customers.current + totals.customers.previous).toBeGreaterThan(0);
    expect(totals.cancellations.current + totals.cancellations.previous).toBeGreaterThan(0);
  });

  it("compares with the same elapsed part of the previous period (now − period), not the whole of it", async () => {
    // 7d at NOW (Mar 1 12:00 UTC): current = Feb 23 00:00 → Mar 2 00:00; previous = Feb 16 00:00 → Feb 22 12:00.
    const at = "2026-02-22T11:59:00.000Z";
    const late = "2026-02-22T12:01:00.000Z";
    const before = await getOverviewTotals(prisma, query("7d", "UTC"));
    const extra = leadSignupAt(at);
    const extraLate = leadSignupAt(late);
    await deliver(extra);
    await deliver(extraLate);
    const after = await getOverviewTotals(prisma, query("7d", "UTC"));
    expect(after.leads).toEqual({ current: before.leads.current, previous: before.leads.previous + 1 });
    await pool.query(`DELETE FROM webhook_event WHERE external_id = ANY($1)`, [[String(extra.event.id), String(extraLate.event.id)]]);
  });
});

describe("trend", () => {
  it.each(ZONES.flatMap((z) => PERIOD_IDS.map((p) => [p, z] as const)))("%s in %s: one point per bucket, matching the reference", async (period, zone) => {
    const ref = referenceWindow(period, zone);
    const trend = await getOverviewTrend(prisma, query(period, zone));
    expect(trend.map((p) => p.day)).toEqual(ref.days);
    const expected = ref.days.map((day) => {
      const point: Record<string, unknown> = { day };
      for (const m of METRIC_KEYS) {
        point[m] = processed().filter((e) => e.type === typeOf(m) && ref.inCurrent(e.occurred_at) && ref.bucketOf(e.occurred_at) === day).length;
      }
      return point;
    });
    expect(trend).toEqual(expected);
    // The chart adds up to the totals.
    const totals = await getOverviewTotals(prisma, query(period, zone));
    for (const m of METRIC_KEYS) expect(trend.reduce((n, p) => n + p[m], 0)).toBe(totals[m].current);
  });

  it("buckets days in the viewer's zone: the same instants land on different days in Tokyo, New York and UTC", async () => {
    const day = async (zone: string, d: string) => (await getOverviewTrend(prisma, query("7d", zone))).find((p) => p.day === d)?.leads ?? 0;
    const base = (zone: string, d: string) =>
      processed().filter((e) => e.type === "lead_signup" && referenceWindow("7d", zone).bucketOf(e.occurred_at) === d).length;
    // Hand-made: Tokyo 23:59:59 on Feb 27 and 00:00 on Feb 28; New York 23:59 on Feb 27 and 00:00 on Feb 28.
    expect(await day("Asia/Tokyo", "2026-02-28")).toBe(base("Asia/Tokyo", "2026-02-28"));
    const utc = await getOverviewTrend(prisma, query("7d", "UTC"));
    expect(utc.map((p) => p.day)).toEqual(["2026-02-23", "2026-02-24", "2026-02-25", "2026-02-26", "2026-02-27", "2026-02-28", "2026-03-01"]);
    const tokyo = await getOverviewTrend(prisma, query("7d", "Asia/Tokyo"));
    // 12:00 UTC is 21:00 in Tokyo: still Mar 1 there.
    expect(tokyo.map((p) => p.day).at(-1)).toBe("2026-03-01");
    // Now is 07:00 in New York on Mar 1.
    const ny = await getOverviewTrend(prisma, query("7d", "America/New_York"));
    expect(ny.map((p) => p.day).at(-1)).toBe("2026-03-01");
  });

  it("across a DST change: New York days are 23 hours long on Mar 8 2026 and still one bucket each", async () => {
    const now = new Date("2026-03-10T12:00:00.000Z");
    const bodies = [
      leadSignupAt("2026-03-08T04:59:00.000Z"), // Mar 7 23:59 EST
      leadSignupAt("2026-03-08T05:00:00.000Z"), // Mar 8 00:00 EST
      leadSignupAt("2026-03-09T03:59:00.000Z"), // Mar 8 23:59 EDT
      leadSignupAt("2026-03-09T04:00:00.000Z"), // Mar 9 00:00 EDT
    ];
    for (const b of bodies) await deliver(b);
    try {
      const ny = await getOverviewTrend(prisma, query("7d", "America/New_York", now));
      expect(ny.map((p) => [p.day, p.leads])).toEqual([
        ["2026-03-04", 0], ["2026-03-05", 0], ["2026-03-06", 0], ["2026-03-07", 1], ["2026-03-08", 2], ["2026-03-09", 1], ["2026-03-10", 0],
      ]);
      const utc = await getOverviewTrend(prisma, query("7d", "UTC", now));
      expect(utc.filter((p) => p.leads > 0).map((p) => [p.day, p.leads])).toEqual([["2026-03-08", 2], ["2026-03-09", 2]]);
      // Weekly buckets start on Monday (Mar 2 and Mar 9, 2026) in the zone.
      const weeks = await getOverviewTrend(prisma, query("12m", "America/New_York", now));
      expect(weeks).toHaveLength(52);
      expect(weeks.at(-1)).toMatchObject({ day: "2026-03-09", leads: 1 });
      expect(weeks.at(-2)?.day).toBe("2026-03-02");
    } finally {
      await pool.query(`DELETE FROM webhook_event WHERE external_id = ANY($1)`, [bodies.map((b) => String(b.event.id))]);
    }
  });
});

describe("rewards by unit and status", () => {
  it.each(ZONES.flatMap((z) => PERIOD_IDS.map((p) => [p, z] as const)))("%s in %s: counts and exact sums per unit and status", async (period, zone) => {
    const ref = referenceWindow(period, zone);
    const inPeriod = [...rewards.values()].filter((r) => ref.inCurrent(r.createdAt));
    const { units: got, range } = await getRewardsByUnit(prisma, query(period, zone));
    if (got.length > 0) expect(range).toEqual({ from: ref.startMs, to: ref.endMs });
    const units = [...new Set(inPeriod.map((r) => r.unit))];
    expect(got.map((u) => u.unit).sort()).toEqual(units.sort());
    for (const u of got) {
      const ofUnit = inPeriod.filter((r) => r.unit === u.unit);
      expect(u.count).toBe(ofUnit.length);
      expect(u.amount).toBe(sum(ofUnit.map((r) => r.amount)));
      const statuses = [...new Set(ofUnit.map((r) => r.status))];
      expect(u.statuses.map((s) => s.status).sort()).toEqual(statuses.sort());
      for (const s of u.statuses) {
        const ofStatus = ofUnit.filter((r) => r.status === s.status);
        expect(s).toEqual({ status: s.status, count: ofStatus.length, amount: sum(ofStatus.map((r) => r.amount)) });
      }
    }
    // Busiest unit first.
    expect(got.map((u) => u.count)).toEqual([...got.map((u) => u.count)].sort((a, b) => b - a));
  });

  it("sums past 2^53 and fractions of a cent exactly, and formats cash without losing cents", async () => {
    const { units: got, range } = await getRewardsByUnit(prisma, query("7d", "UTC"));
    expect(range).toEqual({ from: Date.parse("2026-02-23T00:00:00Z"), to: Date.parse("2026-03-02T00:00:00Z") });
    const cash = got.find((u) => u.unit === "cash");
    const streamCash = [...rewards.values()].filter((r) => r.unit === "cash" && r.createdAt.getTime() >= Date.parse("2026-02-23T00:00:00Z") && !r.id.startsWith("81"));
    expect(cash?.amount).toBe(sum(["9999999999999990", "1", "0.25", ...streamCash.map((r) => r.amount)]));
    expect(cash?.statuses.find((s) => s.status === "denied")).toEqual({ status: "denied", count: 1, amount: "0.25" });
    // Approved hand-made cash: 10 × 999999999999999 + 1 = 9999999999999991 cents; a float would say …992.
    const approved = cash?.statuses.find((s) => s.status === "approved");
    const streamApproved = sum(streamCash.filter((r) => r.status === "approved").map((r) => r.amount));
    expect(approved?.amount).toBe(sum(["9999999999999991", streamApproved]));
    expect(formatAmount("9999999999999991", "cash", { locale: "en-US" })).toBe("$99,999,999,999,999.91");
    expect(got.find((u) => u.unit === "points")?.statuses.find((s) => s.status === "pending")?.amount).toMatch(/\.3456$/);
  });
});

describe("pending fulfilments", () => {
  it("counts the pending ones, sums them per unit, and ages the oldest from its first delivery", async () => {
    const all = [...fulfilments.values()];
    expect(all.length).toBeGreaterThan(3);
    const [approved, oldest] = all as [Fulfilment, Fulfilment];
    await pool.query(`UPDATE fulfilment SET review_status = 'approved', reviewed_at = now() WHERE id = $1`, [approved.id]);
    // An approved fulfilment that waited even longer must not be the oldest.
    await pool.query(`UPDATE fulfilment SET first_delivery_at = '2025-12-01T00:00:00Z' WHERE id = $1`, [approved.id]);
    await pool.query(`UPDATE fulfilment SET first_delivery_at = '2026-02-20T06:00:00Z' WHERE id = $1`, [oldest.id]);
    await pool.query(`UPDATE fulfilment SET first_delivery_at = '2026-02-25T06:00:00Z' WHERE id <> ALL($1)`, [[approved.id, oldest.id]]);

    const got = await getPendingFulfilments(prisma, NOW);
    const pending = all.filter((f) => f.id !== approved.id);
    expect(got.count).toBe(pending.length);
    expect(got.oldestAt).toEqual(new Date("2026-02-20T06:00:00Z"));
    expect(got.oldestAgeMs).toBe(NOW.getTime() - Date.parse("2026-02-20T06:00:00Z"));
    const units = [...new Set(pending.map((f) => f.unit))];
    expect(got.units.map((u) => u.unit).sort()).toEqual(units.sort());
    for (const u of got.units) {
      const ofUnit = pending.filter((f) => f.unit === u.unit);
      expect(u).toEqual({ unit: u.unit, count: ofUnit.length, amount: sum(ofUnit.map((f) => f.amount)) });
    }
    // Unconfirmed approvals and failed sends, by their stored sync state.
    expect(got).toMatchObject({ unconfirmed: 0, failed: 0 });
    await pool.query(`UPDATE fulfilment SET sync_state = 'sent' WHERE id = $1`, [approved.id]);
    expect(await getPendingFulfilments(prisma, NOW)).toMatchObject({ unconfirmed: 1, failed: 0 });
    await pool.query(`UPDATE fulfilment SET sync_state = 'failed' WHERE id = $1`, [approved.id]);
    expect(await getPendingFulfilments(prisma, NOW)).toMatchObject({ unconfirmed: 0, failed: 1 });
    await pool.query(`UPDATE fulfilment SET sync_state = 'awaiting_review' WHERE id = $1`, [approved.id]);
  });

  it("answers zero and no age when nothing is pending", async () => {
    await pool.query(`UPDATE fulfilment SET review_status = 'held', review_reason = 'test' WHERE review_status = 'pending'`);
    try {
      expect(await getPendingFulfilments(prisma, NOW)).toEqual({ count: 0, oldestAt: null, oldestAgeMs: null, units: [], unconfirmed: 0, failed: 0 });
    } finally {
      await pool.query(`UPDATE fulfilment SET review_status = 'pending', review_reason = NULL WHERE review_status = 'held'`);
    }
  });
});

describe("events received and rejected deliveries per day", () => {
  it.each(ZONES.flatMap((z) => PERIOD_IDS.map((p) => [p, z] as const)))("%s in %s match the reference", async (period, zone) => {
    const ref = referenceWindow(period, zone);
    const got = await getEventsReceived(prisma, query(period, zone));
    expect(got).toEqual(
      ref.days.map((day) => ({
        day,
        events: events.filter((e) => ref.inCurrent(e.received_at) && ref.bucketOf(e.received_at) === day).length,
        rejected: rejectedAt.filter((d) => ref.inCurrent(d) && ref.bucketOf(d) === day).length,
      })),
    );
  });

  it("puts the refused deliveries on the viewer's day: Tokyo midnight splits two of them", async () => {
    const tokyo = await getEventsReceived(prisma, query("7d", "Asia/Tokyo"));
    const utc = await getEventsReceived(prisma, query("7d", "UTC"));
    const failedDay = (zone: string) => referenceWindow("7d", zone).bucketOf(rejectedAt.at(-1) as Date);
    const rejectedOn = (points: { day: string; rejected: number }[], day: string) => points.find((p) => p.day === day)?.rejected ?? 0;
    const extra = (zone: string, day: string) => (failedDay(zone) === day ? 1 : 0);
    // 2026-02-27T14:59:59Z is Feb 27 in Tokyo, 15:00:00Z is Feb 28; 2026-02-28T05:00Z is Feb 28 in both.
    expect(rejectedOn(tokyo, "2026-02-27")).toBe(1 + extra("Asia/Tokyo", "2026-02-27"));
    expect(rejectedOn(tokyo, "2026-02-28")).toBe(2 + extra("Asia/Tokyo", "2026-02-28"));
    expect(rejectedOn(utc, "2026-02-27")).toBe(2 + extra("UTC", "2026-02-27"));
    expect(rejectedOn(utc, "2026-02-28")).toBe(1 + extra("UTC", "2026-02-28"));
    // The one from January is outside 7 days and 30 days, inside 90.
    const ninety = await getEventsReceived(prisma, query("90d", "UTC"));
    expect(ninety.find((p) => p.day === "2026-01-10")?.rejected).toBe(1);
  });
});

describe("time zone cookie", () => {
  it("accepts zones Intl and Postgres know, in Postgres's spelling; anything else is UTC", async () => {
    expect(await resolveTimeZone(prisma, undefined)).toEqual({ zone: "UTC", source: "default", rejected: null });
    expect(await resolveTimeZone(prisma, "Europe/Berlin")).toEqual({ zone: "Europe/Berlin", source: "browser", rejected: null });
    expect(await resolveTimeZone(prisma, "europe/berlin")).toEqual({ zone: "Europe/Berlin", source: "browser", rejected: null });
    expect(await resolveTimeZone(prisma, "Asia/Kolkata")).toEqual({ zone: "Asia/Kolkata", source: "browser", rejected: null });
    for (const bad of ["Mars/Olympus_Mons", "'; DROP TABLE webhook_event; --", "+05:00", "x".repeat(500), "../../etc/passwd"]) {
      const got = await resolveTimeZone(prisma, bad);
      expect(got.zone).toBe("UTC");
      expect(got.source).toBe("default");
      expect(got.rejected).toBe(bad.slice(0, 64));
    }
  });

  it("every zone a browser may send and Postgres knows works in the queries", async () => {
    for (const zone of ["Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Pacific/Kiritimati", "Etc/GMT+12"]) {
      const { zone: resolved } = await resolveTimeZone(prisma, zone);
      expect(resolved).toBe(zone);
      expect(await getOverviewTrend(prisma, query("7d", resolved))).toHaveLength(7);
    }
  });
});

describe("empty database", () => {
  it("has no data, zero totals, zero-filled series and no pending fulfilments", async () => {
    const empty = await createTestDatabase();
    const other = getDb({ connectionString: empty.url });
    try {
      expect(await hasOverviewData(other.prisma)).toBe(false);
      const totals = await getOverviewTotals(other.prisma, query("30d", "Asia/Tokyo"));
      for (const m of METRIC_KEYS) expect(totals[m]).toEqual({ current: 0, previous: 0 });
      const trend = await getOverviewTrend(other.prisma, query("30d", "Asia/Tokyo"));
      expect(trend).toHaveLength(30);
      expect(trend.every((p) => METRIC_KEYS.every((m) => p[m] === 0))).toBe(true);
      expect(await getRewardsByUnit(other.prisma, query("30d", "UTC"))).toEqual({ units: [], range: null });
      expect(await getPendingFulfilments(other.prisma, NOW)).toEqual({ count: 0, oldestAt: null, oldestAgeMs: null, units: [], unconfirmed: 0, failed: 0 });
      expect((await getEventsReceived(other.prisma, query("12m", "UTC"))).every((p) => p.events === 0 && p.rejected === 0)).toBe(true);
    } finally {
      await other.prisma.$disconnect();
      await other.pool.end();
      await empty.drop();
    }
    expect(await hasOverviewData(prisma)).toBe(true);
  });
});
