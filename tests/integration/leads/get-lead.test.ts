// The lead detail page's queries against a real database (Postgres with TEST_DATABASE_URL, else
// PGlite): a hand-made lead whose whole life cycle (sign-up, referral, customer, 31 rewards,
// cancellation) is delivered out of order through the webhook, beside a simulated stream. Its
// fields, promoter, promotion, split promotion and rewards; the timeline newest first, paged both
// ways over a tie; 404 for every id that is not a stored lead; hostile timeline cursors.
import type { LedgerPool } from "@/lib/db/pool.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "@/lib/data-table/cursor.ts";
import { getDb } from "@/lib/db/index.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { getLead, LEAD_REWARDS_SHOWN } from "@/lib/leads/get-lead.ts";
import { listLeadTimeline, parseTimelineCursor, TIMELINE_PAGE_SIZE, type TimelineEntry } from "@/lib/leads/list-lead-timeline.ts";
import { parseRecordId } from "@/lib/records/parse-record-id.ts";
import { recordExists } from "@/lib/records/record-exists.ts";
import { generateStream } from "@/lib/simulator/generate-stream.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { envelope, post, rows } from "../webhook/helpers.ts";

const NOW = new Date("2026-03-01T12:00:00.000Z");

let db: TestDatabase;
let prisma: PrismaClient;
let pool: LedgerPool;

const LEAD = 7810001;
const promoter = { id: 7800001, status: "active", email: "jane@example.com", profile: { first_name: "Jane", last_name: "Smith" } };
const promotion = { id: 7800002, status: "offer_running", ref_id: "janesref", campaign_id: 7800003, campaign_name: "Main Campaign" };
const splitPromoter = { id: 7800008, status: "active", email: "split@example.com" };
const splitPromotion = { id: 7800009, status: "offer_running", ref_id: "splitref", campaign_id: 7800003, campaign_name: "Main Campaign" };

const base = { id: LEAD, email: "Life.Cycle@Example.com", suspicion: "no_suspicion", created_at: "2026-01-01T09:59:59.000Z", promoter, promotion };
let eventId = 96_000_000;
const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 0, day, hour)).toISOString();

const signup = envelope("lead_signup", eventId++, at(1), { ...base, state: "signup", uid: "" });
const referral = envelope("lead_becomes_referral", eventId++, at(2), { ...base, state: "signup", uid: "usr_lifecycle", username: "lifey" });
const customer = envelope("new_customer", eventId++, at(3), {
  ...base, state: "active", uid: "usr_lifecycle", plan_name: "Pro", customer_since: at(3, 9), website: "https://life.example.com",
  custom_fields: { utm_source: "newsletter", coupon: "WELCOME" }, split_promotion_id: splitPromotion.id,
});
const rewards = Array.from({ length: 31 }, (_, i) =>
  envelope("reward_created", eventId++, at(4 + (i === 30 ? 0 : i)), {
    id: 7830000 + i, status: i % 3 === 0 ? "pending" : "approved", amount: i === 30 ? 1 : 2000 + i, unit: i === 30 ? "free_months" : "cash",
    created_at: at(4 + (i === 30 ? 0 : i)), conversion_amount: 7900, tier_level: 1,
    lead: { id: LEAD, state: "active", email: base.email }, promoter, promotion,
  }),
);
const cancelled = envelope("lead_cancelled", eventId++, at(40), {
  ...base, state: "cancelled", uid: "usr_lifecycle", plan_name: "Pro", customer_since: at(3, 9), cancelled_at: at(40, 9),
});
/** Every hand-made event of the lead, as delivered: out of order (cancellation first). */
const lifeCycle = [cancelled, ...rewards.slice(10), customer, signup, referral, ...rewards.slice(0, 10)];

beforeAll(async () => {
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  for (const d of generateStream({ seed: 5, events: 150, now: NOW })) {
    const res = await post(pool, d.body);
    if (res.status >= 300) throw new Error(`seed delivery answered ${res.status}`);
  }
  // The split promotion's promoter, from a lead event of their own.
  await post(pool, envelope("lead_signup", eventId++, at(1), { id: 7810099, state: "signup", email: "other@example.com", promoter: splitPromoter, promotion: splitPromotion }));
  for (const body of lifeCycle) {
    const res = await post(pool, body);
    if (res.status >= 300) throw new Error(`event ${body.event.id} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  // A broken event naming the lead: stored as failed, touches nothing, so not in the timeline.
  await post(pool, envelope("lead_signup", eventId++, at(5), { id: LEAD, email: 12 }));
}, 300_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

/** The webhook_event id stored for FirstPromoter's event id. */
async function storedId(externalId: number | string): Promise<string> {
  const [row] = await rows<{ id: string }>(pool, "SELECT id::text FROM webhook_event WHERE external_id = $1", [String(externalId)]);
  if (!row) throw new Error(`no event ${externalId}`);
  return row.id;
}

describe("getLead", () => {
  it("returns the lead's fields, promoter, promotion with campaign, and split promotion", async () => {
    const detail = await getLead(prisma, BigInt(LEAD));
    expect(detail?.lead).toMatchObject({
      id: String(LEAD),
      state: "cancelled",
      suspicion: "no_suspicion",
      email: "Life.Cycle@Example.com",
      uid: "usr_lifecycle",
      username: "lifey",
      website: "https://life.example.com",
      planName: "Pro",
      customerSince: new Date(at(3, 9)),
      cancelledAt: new Date(at(40, 9)),
      fpCreatedAt: new Date(base.created_at),
      customFields: { utm_source: "newsletter", coupon: "WELCOME" },
      splitPromotionId: String(splitPromotion.id),
      promoterId: String(promoter.id),
      promotionId: String(promotion.id),
      snapshotEventId: String(cancelled.event.id),
    });
    expect(detail?.lead).not.toHaveProperty("fieldVersions");
    expect(detail?.promoter).toMatchObject({ id: String(promoter.id), email: "jane@example.com", firstName: "Jane", lastName: "Smith" });
    expect(detail?.promotion).toMatchObject({ id: String(promotion.id), refId: "janesref", campaign: { id: "7800003", name: "Main Campaign" } });
    expect(detail?.splitPromotion).toEqual({ id: String(splitPromotion.id), refId: "splitref", promoter: expect.objectContaining({ id: String(splitPromoter.id), email: "split@example.com" }) });
  });

  it("lists the lead's rewards newest first, each linked to the event that created it", async () => {
    const detail = await getLead(prisma, BigInt(LEAD));
    expect(detail?.rewardCount).toBe(31);
    expect(detail?.rewards).toHaveLength(31);
    const createdAt = detail?.rewards.map((r) => r.createdAt.getTime()) ?? [];
    expect(createdAt).toEqual([...createdAt].sort((a, b) => b - a));
    const newest = detail?.rewards[0];
    expect(newest).toMatchObject({ id: "7830029", amount: "2029", unit: "cash", status: "approved", conversionAmount: "7900", tierLevel: 1 });
    expect(newest?.eventId).toBe(await storedId(rewards[29]?.event.id as number));
    expect(detail?.rewards.find((r) => r.unit === "free_months")).toMatchObject({ amount: "1" });
  });

  it("caps the rewards shown and says how many there are", async () => {
    await pool.query(`INSERT INTO reward (id, status, amount, unit, lead_id, snapshot_at, snapshot_event_id, fp_created_at)
                      SELECT 7890000 + i, 'approved', 100, 'cash', 7810099, now(), 1, now() - i * interval '1 minute'
                      FROM generate_series(1, ${LEAD_REWARDS_SHOWN + 10}) AS i`);
    const detail = await getLead(prisma, 7810099n);
    expect(detail?.rewardCount).toBe(LEAD_REWARDS_SHOWN + 10);
    expect(detail?.rewards).toHaveLength(LEAD_REWARDS_SHOWN);
    expect(detail?.rewards[0]).toMatchObject({ id: "7890001", eventId: null });
    expect(detail?.splitPromotion).toBeNull();
  });

  it("is null for a lead that is not stored; the page's parseRecordId turns away everything but a canonical bigint", async () => {
    expect(await getLead(prisma, 9223372036854775807n)).toBeNull();
    expect(await getLead(prisma, 1n)).toBeNull();
    for (const raw of ["abc", "0", "-1", "1.5", "1e3", "007", " 1", "1 ", "", "0x10", "99999999999999999999", "9223372036854775808", "١٢٣", "%31"]) {
      expect(parseRecordId(raw), raw).toBeNull();
    }
    expect(parseRecordId("7810001")).toBe(7810001n);
    // What the detail route's layout asks before anything streams (a 404 status, never a 500).
    expect(await recordExists(prisma, "lead", "7810001")).toBe(true);
    for (const raw of ["1", "abc", "0", "99999999999999999999", "9223372036854775807", "%00"]) expect(await recordExists(prisma, "lead", raw), raw).toBe(false);
    expect(parseRecordId("9223372036854775807")).toBe(9223372036854775807n);
  });
});

describe("listLeadTimeline", () => {
  type Expected = { eventId: string; type: string; occurredAt: Date };
  let expected: Expected[] = [];

  beforeAll(async () => {
    // Two reward events at the same instant: the id must order them, newest (highest) first.
    await pool.query(`UPDATE webhook_event SET occurred_at = $1 WHERE external_id = ANY($2::text[])`, [
      at(9),
      [String(rewards[5]?.event.id), String(rewards[6]?.event.id)],
    ]);
    expected = await rows<Expected>(
      pool,
      `SELECT e.id::text AS "eventId", e.type, e.occurred_at AS "occurredAt" FROM event_record r JOIN webhook_event e ON e.id = r.event_id
       WHERE r.record_type = 'lead' AND r.record_id = $1 ORDER BY e.occurred_at DESC, e.id DESC`,
      [LEAD],
    );
  });

  it("holds every event that touched the lead, and only those", () => {
    // 4 lead events + 31 rewards; the failed event touched nothing.
    expect(expected).toHaveLength(35);
    expect(expected.filter((e) => e.type === "reward_created")).toHaveLength(31);
  });

  it("reads newest first, a page at a time, forward and back without gaps or duplicates", async () => {
    const pages = [await listLeadTimeline(prisma, BigInt(LEAD))];
    expect(pages[0]?.prevCursor).toBeNull();
    while (pages.at(-1)?.nextCursor) pages.push(await listLeadTimeline(prisma, BigInt(LEAD), pages.at(-1)?.nextCursor ?? undefined));
    expect(pages.map((p) => p.rows.length)).toEqual([TIMELINE_PAGE_SIZE, 35 - TIMELINE_PAGE_SIZE]);
    for (const p of pages) expect(p.total).toBe(35);
    expect(pages.flatMap((p) => p.rows.map((r) => r.eventId))).toEqual(expected.map((e) => e.eventId));

    const back = await listLeadTimeline(prisma, BigInt(LEAD), pages[1]?.prevCursor ?? undefined);
    expect(back.rows.map((r) => r.eventId)).toEqual(pages[0]?.rows.map((r) => r.eventId));
    expect(back.prevCursor).toBeNull();
  });

  it("says what each event did: the step, the state its snapshot reported, the plan, the reward", async () => {
    const all: TimelineEntry[] = [];
    let page = await listLeadTimeline(prisma, BigInt(LEAD));
    all.push(...page.rows);
    while (page.nextCursor) {
      page = await listLeadTimeline(prisma, BigInt(LEAD), page.nextCursor);
      all.push(...page.rows);
    }
    const of = (body: { event: { id: number | string } }) => all.find((e) => e.externalId === String(body.event.id));
    expect(all[0]).toMatchObject({ transition: "cancelled", type: "lead_cancelled", state: "cancelled", cancelledAt: new Date(at(40, 9)) });
    expect(all.at(-1)).toMatchObject({ transition: "signup", state: "signup", reward: null });
    expect(of(referral)).toMatchObject({ transition: "referral", state: "signup" });
    expect(of(customer)).toMatchObject({ transition: "customer", state: "active", planName: "Pro", customerSince: new Date(at(3, 9)) });
    expect(of(rewards[30] as typeof signup)).toMatchObject({
      transition: "reward",
      state: "active",
      reward: { id: "7830030", amount: "1", unit: "free_months", status: "pending" },
    });
    expect(of(signup)?.eventId).toBe(await storedId(signup.event.id));
    expect(of(signup)?.occurredAt).toEqual(new Date(at(1)));
  });

  it("is empty for a lead without events, and a hostile cursor is the first page", async () => {
    expect(await listLeadTimeline(prisma, 1n)).toEqual({ rows: [], nextCursor: null, prevCursor: null, total: 0 });
    const first = await listLeadTimeline(prisma, BigInt(LEAD));
    const garbage = [
      "not-base64!!",
      "x".repeat(10_000),
      Buffer.from('["occurred_at",1,"2026-13-45T99:99:99.000Z","1","n"]').toString("base64url"),
      Buffer.from('["received_at",1,"2026-01-01T00:00:00.000Z","1","n"]').toString("base64url"),
      // Ascending cursors are not offered: the timeline reads newest first.
      encodeCursor({ sort: "occurred_at", desc: false, value: "2026-01-05T00:00:00.000Z", id: "1", dir: "next" }),
    ];
    for (const cursor of garbage) {
      expect(parseTimelineCursor(cursor)).toBeNull();
      expect((await listLeadTimeline(prisma, BigInt(LEAD), cursor)).rows).toEqual(first.rows);
    }
    expect(parseTimelineCursor(["a", "b"])).toBeNull();
    expect(parseTimelineCursor(undefined)).toBeNull();
  });

  it("matches a simulated customer's events too", async () => {
    const [sim] = await rows<{ id: string }>(pool, "SELECT id::text FROM lead WHERE customer_since IS NOT NULL AND id > 10000000 ORDER BY id LIMIT 1");
    expect(sim).toBeDefined();
    const events = await rows<{ id: string }>(
      pool,
      `SELECT e.id::text FROM event_record r JOIN webhook_event e ON e.id = r.event_id
       WHERE r.record_type = 'lead' AND r.record_id = $1 ORDER BY e.occurred_at DESC, e.id DESC`,
      [sim?.id],
    );
    const timeline = await listLeadTimeline(prisma, BigInt(sim?.id ?? 0));
    expect(timeline.rows.map((r) => r.eventId)).toEqual(events.map((e) => e.id).slice(0, TIMELINE_PAGE_SIZE));
    expect(timeline.rows.map((r) => r.transition)).toContain("customer");
    expect(timeline.rows.at(-1)?.transition).toBe(events.length > TIMELINE_PAGE_SIZE ? expect.any(String) : "signup");
  });
});
