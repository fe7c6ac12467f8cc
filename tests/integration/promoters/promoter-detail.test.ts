// The promoter detail page's queries against a real database (Postgres with TEST_DATABASE_URL, else
// PGlite): profile, balances per unit × kind, promotions with campaigns, the latest leads, rewards and
// fulfilments with capped totals, and the timeline of every event that mentioned the promoter, paged
// by event id without gaps; unknown and malformed ids are "not found", never an error.
import type { LedgerPool } from "@/lib/db/pool.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/index.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { getPromoter, LATEST } from "@/lib/promoters/get-promoter.ts";
import { listPromoterTimeline, parseTimelineBefore, TIMELINE_PAGE } from "@/lib/promoters/list-promoter-timeline.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { rows } from "../webhook/helpers.ts";
import { HAND, HAND_CAMPAIGN, seedPromoters } from "./seed.ts";

let db: TestDatabase;
let prisma: PrismaClient;
let pool: LedgerPool;
/** The simulated promoter with the most events: several timeline pages. */
let busy: { id: string; events: number };

beforeAll(async () => {
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  await seedPromoters(pool, { events: 900 });
  const [top] = await rows<{ id: string; events: number }>(
    pool,
    `SELECT record_id::text AS id, count(*)::int AS events FROM event_record WHERE record_type = 'promoter'
     GROUP BY record_id ORDER BY count(*) DESC, record_id LIMIT 1`,
  );
  if (!top) throw new Error("no promoter events");
  busy = top;
}, 300_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

describe("getPromoter", () => {
  it("shows the profile, every balance by unit × kind and the promotions with their campaigns", async () => {
    const detail = await getPromoter(prisma, String(HAND.multi));
    expect(detail?.promoter).toMatchObject({
      id: String(HAND.multi),
      status: "active",
      email: "Under_Score@Example.COM",
      name: "Zoë O'Brien",
      refId: "HANDREF",
      fpCreatedAt: new Date("2026-01-15T08:00:00.000Z"),
      profile: expect.objectContaining({ first_name: "Zoë", website: "https://www.example.com", country: "DE", phone_number: "+49 30 1234" }),
    });
    // Known units first in their display order, then others by name; amounts exact.
    expect(detail?.balances.map(({ snapshotAt: _, ...b }) => b)).toEqual([
      { unit: "cash", earnings: "1000", current: "1000", paid: "0" },
      { unit: "discount_per", earnings: "12.5", current: "12.5", paid: "0" },
      { unit: "mon_discount", earnings: "3", current: "3", paid: "0" },
    ]);
    expect(detail?.promotions).toEqual([
      { id: "9600001", status: "offer_running", state: null, refId: "altref", referralLink: "https://www.example.com/?fpr=altref", campaign: { id: HAND_CAMPAIGN, name: "Hand-made campaign" } },
    ]);
  });

  it("lists the latest leads, rewards and fulfilments newest first, with totals matching the tables", async () => {
    const [withAll] = await rows<{ id: string }>(
      pool,
      `SELECT p.id::text FROM promoter p
       WHERE EXISTS (SELECT 1 FROM reward r WHERE r.promoter_id = p.id) AND EXISTS (SELECT 1 FROM fulfilment f WHERE f.promoter_id = p.id)
       ORDER BY (SELECT count(*) FROM lead l WHERE l.promoter_id = p.id) DESC, p.id LIMIT 1`,
    );
    expect(withAll).toBeDefined();
    const id = withAll?.id as string;
    const detail = await getPromoter(prisma, id);
    const expectSection = async (section: { rows: { id: string }[]; total: unknown } | undefined, table: string) => {
      const all = await rows<{ id: string }>(pool, `SELECT id::text FROM ${table} WHERE promoter_id = $1 ORDER BY id DESC`, [id]);
      expect(section?.rows.map((r) => r.id)).toEqual(all.slice(0, LATEST).map((r) => r.id));
      expect(section?.total).toEqual({ value: all.length, exact: true });
    };
    await expectSection(detail?.leads, "lead");
    await expectSection(detail?.rewards, "reward");
    await expectSection(detail?.fulfilments, "fulfilment");
    expect(detail?.leads.total.value).toBeGreaterThan(LATEST); // the cap shows
    const reward = detail?.rewards.rows[0];
    expect(reward).toMatchObject({ amount: expect.stringMatching(/^\d+(\.\d+)?$/), unit: expect.any(String), createdAt: expect.any(Date) });
    if (reward?.lead) {
      const [lead] = await rows<{ email: string }>(pool, "SELECT email FROM lead WHERE id = $1", [reward.lead.id]);
      expect(reward.lead.email).toBe(lead?.email);
    }
    expect(detail?.fulfilments.rows[0]).toMatchObject({ reviewStatus: "pending", deliveryCount: expect.any(Number), lastDeliveryAt: expect.any(Date) });
  });

  it("shows a promoter named only by a lead event (no created time, no balances, no promotions)", async () => {
    const detail = await getPromoter(prisma, String(HAND.noCreated));
    expect(detail?.promoter).toMatchObject({ email: "nocreated@example.com", fpCreatedAt: null, name: null });
    expect(detail?.balances).toEqual([]);
    expect(detail?.leads.rows.map((l) => l.email)).toEqual(["lead.of.nocreated@example.com"]);
    expect(detail?.rewards).toEqual({ rows: [], total: { value: 0, exact: true } });
  });

  it.each(["abc", "0", "-1", "1.5", "1e3", "99999999999999999999", "9223372036854775808", "", " 1", "1 ", "0x10", "١٢٣", "1;DROP TABLE promoter", "%", "9223372036854775807", "123"])(
    "answers null (404) for %j",
    async (raw) => {
      expect(await getPromoter(prisma, raw)).toBeNull();
    },
  );

  // Ids as canonical positive bigints only: tests/unit/records/parse-record-id.test.ts, and every
  // detail route in tests/integration/records/detail-ids.test.ts (where /promoters/007 is a 404).
});

describe("listPromoterTimeline", () => {
  type Mention = { id: string; type: string; external_id: string; occurred_at: Date };
  const mentions = (promoterId: string) =>
    rows<Mention>(
      pool,
      `SELECT e.id::text, e.type, e.external_id, e.occurred_at FROM event_record r JOIN webhook_event e ON e.id = r.event_id
       WHERE r.record_type = 'promoter' AND r.record_id = $1 ORDER BY e.id DESC`,
      [promoterId],
    );

  it("lists every event that mentioned the promoter, newest received first, page by page without gaps", async () => {
    const expected = await mentions(busy.id);
    expect(expected.length).toBe(busy.events);
    expect(expected.length).toBeGreaterThan(TIMELINE_PAGE); // several pages
    const seen: string[] = [];
    let before: bigint | null = null;
    for (let pages = 0; ; pages++) {
      const page = await listPromoterTimeline(prisma, BigInt(busy.id), before);
      expect(page.total).toEqual({ value: expected.length, exact: true });
      expect(page.items.length).toBeLessThanOrEqual(TIMELINE_PAGE);
      seen.push(...page.items.map((i) => i.id));
      if (!page.olderBefore) break;
      expect(page.items).toHaveLength(TIMELINE_PAGE);
      before = parseTimelineBefore(page.olderBefore);
      if (pages > 100) throw new Error("runaway paging");
    }
    expect(seen).toEqual(expected.map((e) => e.id));
    const types = new Set(expected.map((e) => e.type));
    expect(types).toContain("lead_signup");
    expect(types.size).toBeGreaterThan(2);
  });

  it("describes each event: type, times, outcome, and the lead email or amount it carries", async () => {
    const page = await listPromoterTimeline(prisma, BigInt(busy.id), null);
    const [first] = page.items;
    const [stored] = await rows<{ type: string; external_id: string; status: string; occurred_at: Date; received_at: Date; payload: any }>(
      pool,
      "SELECT type, external_id, status::text, occurred_at, received_at, payload FROM webhook_event WHERE id = $1",
      [first?.id],
    );
    expect(first).toEqual({
      id: first?.id,
      externalId: stored?.external_id,
      type: stored?.type,
      status: stored?.status,
      occurredAt: stored?.occurred_at,
      receivedAt: stored?.received_at,
      email: stored?.payload.data.email ?? stored?.payload.data.lead?.email ?? null,
      amount: stored?.payload.data.amount === undefined ? null : String(stored.payload.data.amount),
      unit: stored?.payload.data.unit ?? null,
    });
    const all = await mentions(busy.id);
    const reward = all.find((e) => e.type === "reward_created");
    if (reward) {
      const before = BigInt(reward.id) + 1n;
      const item = (await listPromoterTimeline(prisma, BigInt(busy.id), before)).items[0];
      expect(item).toMatchObject({ id: reward.id, type: "reward_created", amount: expect.stringMatching(/^\d/), unit: expect.any(String) });
    }
  });

  it("includes the hand-made promoter's own event and a lead event naming a promoter", async () => {
    const own = await listPromoterTimeline(prisma, BigInt(HAND.multi), null);
    expect(own.items.map((i) => i.type)).toEqual(["promoter_accepted"]);
    const viaLead = await listPromoterTimeline(prisma, BigInt(HAND.noCreated), null);
    expect(viaLead.items).toEqual([expect.objectContaining({ type: "lead_signup", email: "lead.of.nocreated@example.com" })]);
    expect(viaLead.olderBefore).toBeNull();
  });

  it("is empty for a promoter without events and past the oldest one", async () => {
    expect(await listPromoterTimeline(prisma, 424242n, null)).toEqual({ items: [], olderBefore: null, total: { value: 0, exact: true } });
    expect((await listPromoterTimeline(prisma, BigInt(busy.id), 1n)).items).toEqual([]);
  });

  it.each([undefined, "", "abc", "-5", "0", "1.5", "99999999999999999999", "1;DROP TABLE event_record", ["1", "2"]])("ignores a hostile ?before=%j", (raw) => {
    expect(parseTimelineBefore(raw)).toBeNull();
  });
});
