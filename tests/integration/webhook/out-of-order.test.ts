// Out-of-order and partial snapshots (issue #3, section 4): each projected row remembers the newest
// snapshot it reflects (event.created_at, then event.id); an older snapshot never overwrites it, null or
// absent fields keep the known value, balances merge per unit, records first seen nested in another
// event are completed later, and a newer event may legitimately move a lead (re-attribution).
import { describe, expect, it } from "vitest";
import {
  type Body,
  deliverAll,
  envelope,
  type Json,
  one,
  projections,
  rows,
  truncateAll,
  useTestDatabase,
} from "./helpers.ts";

const ctx = useTestDatabase();

/** 2024-10-03T12:00:<s>Z */
const at = (s: number) => new Date(Date.UTC(2024, 9, 3, 12, 0, s)).toISOString();

type Who = { promoter: Json; promotion: Json };
const ANN: Who = {
  promoter: { id: 41, status: "active", email: "ann@example.com", default_ref_id: "ann", profile: { first_name: "Ann", last_name: "Lee", country: "US" } },
  promotion: { id: 51, status: "offer_running", ref_id: "ann", campaign_id: 61, campaign_name: "Main Campaign" },
};
const BOB: Who = {
  promoter: { id: 42, status: "active", email: "bob@example.com", default_ref_id: "bob", profile: { first_name: "Bob", country: "GB" } },
  promotion: { id: 52, status: "offer_running", ref_id: "bob", campaign_id: 61, campaign_name: "Main Campaign" },
};

const LEAD = 900;

function leadEvent(type: string, eventId: number, createdAt: string, lead: Json, who: Who | null = ANN): Body {
  return envelope(type, eventId, createdAt, { id: LEAD, ...lead, ...(who ? { promoter: who.promoter, promotion: who.promotion } : {}) });
}

function rewardCreated(eventId: number, createdAt: string, lead: Json, promoter: Json = { id: 41, status: "active", email: "ann@example.com" }): Body {
  return envelope("reward_created", eventId, createdAt, {
    id: 7001,
    status: "approved",
    amount: 1580,
    unit: "cash",
    conversion_amount: 7900,
    tier_level: 1,
    lead: { id: LEAD, ...lead },
    promoter,
    promotion: { id: 51, campaign_id: 61, campaign_name: "Main Campaign" },
  });
}

const lead = () => one(ctx.pool, "SELECT * FROM lead WHERE id = $1", [LEAD]);
const balances = (promoterId: number) =>
  rows(
    ctx.pool,
    `SELECT kind::text, unit, amount::float8 AS amount, snapshot_event_id FROM promoter_balance
     WHERE promoter_id = $1 ORDER BY promoter_balance.kind, unit`,
    [promoterId],
  );

/** Delivers the events in the given order to an empty database and returns the projections. */
async function project(events: Body[]) {
  await truncateAll(ctx.pool);
  await deliverAll(ctx.pool, events);
  return projections(ctx.pool);
}

/** The projections after in-order delivery equal those after reversed delivery. */
async function expectOrderIndependent(inOrder: Body[]) {
  const expected = await project(inOrder);
  const reversed = await project([...inOrder].reverse());
  expect(reversed).toEqual(expected);
  return expected;
}

describe("out-of-order deliveries", () => {
  it("a late older lead snapshot never moves the state back, and only fills what is still unknown", async () => {
    const signup = leadEvent("lead_signup", 100, at(1), { state: "signup", email: "l@example.com", uid: "", suspicion: "same_ip_suspicion", created_at: at(0) });
    const customer = leadEvent("new_customer", 200, at(2), { state: "active", email: "l@example.com", uid: "usr_1", plan_name: "Pro", customer_since: at(2) });

    await deliverAll(ctx.pool, [customer, signup]);
    const l = await lead();
    expect(l).toMatchObject({ state: "active", plan_name: "Pro", uid: "usr_1", suspicion: "same_ip_suspicion", snapshot_event_id: "200" });
    expect(l.snapshot_at.toISOString()).toBe(at(2));
    expect(l.fp_created_at.toISOString()).toBe(at(0));
    expect(l.customer_since.toISOString()).toBe(at(2));

    await expectOrderIndependent([signup, customer]);
  });

  it("a late lead_signup after a cancellation keeps the lead cancelled", async () => {
    const signup = leadEvent("lead_signup", 100, at(1), { state: "signup" });
    const cancelled = leadEvent("lead_cancelled", 300, at(3), { state: "cancelled", cancelled_at: at(3) });
    await deliverAll(ctx.pool, [cancelled, signup]);
    expect(await lead()).toMatchObject({ state: "cancelled", snapshot_event_id: "300" });
  });

  it("a newer event reactivates a cancelled lead", async () => {
    const cancelled = leadEvent("lead_cancelled", 300, at(3), { state: "cancelled", cancelled_at: at(3) });
    const back = leadEvent("new_customer", 400, at(4), { state: "active", plan_name: "Business", customer_since: at(4) });
    await deliverAll(ctx.pool, [cancelled, back]);
    expect(await lead()).toMatchObject({ state: "active", plan_name: "Business", snapshot_event_id: "400" });
  });

  it("promoter balances: the newer snapshot is kept per unit, units it does not mention merge in", async () => {
    const older = leadEvent("lead_signup", 100, at(1), { state: "signup" }, {
      ...ANN,
      promoter: { ...ANN.promoter, earnings_balance: { cash: 500 }, current_balance: { cash: 100, free_months: 2 }, paid_balance: { cash: 400 } },
    });
    const newer = leadEvent("new_customer", 200, at(2), { state: "active" }, {
      ...ANN,
      promoter: { ...ANN.promoter, earnings_balance: null, current_balance: { cash: 300 } },
    });

    await deliverAll(ctx.pool, [newer, older]);
    expect(await balances(41)).toEqual([
      { kind: "earnings", unit: "cash", amount: 500, snapshot_event_id: "100" },
      { kind: "current", unit: "cash", amount: 300, snapshot_event_id: "200" },
      { kind: "current", unit: "free_months", amount: 2, snapshot_event_id: "100" },
      { kind: "paid", unit: "cash", amount: 400, snapshot_event_id: "100" },
    ]);
    await expectOrderIndependent([older, newer]);

    // A still newer snapshot wins even when its amount is lower (a payout): newest, not largest.
    const payout = leadEvent("lead_becomes_referral", 300, at(3), { state: "signup" }, { ...ANN, promoter: { ...ANN.promoter, current_balance: { cash: 50 } } });
    await deliverAll(ctx.pool, [payout]);
    expect((await balances(41)).find((b) => b.kind === "current" && b.unit === "cash")).toMatchObject({ amount: 50, snapshot_event_id: "300" });
  });

  it("null, empty or absent fields in a newer snapshot keep the known values", async () => {
    const full = leadEvent("lead_signup", 100, at(1), {
      state: "signup",
      email: "known@example.com",
      uid: "usr_9",
      website: "https://lead.example",
      suspicion: "no_suspicion",
      custom_fields: { utm_source: "blog", coupon: "WELCOME" },
      created_at: at(0),
    });
    const sparse = leadEvent("lead_becomes_referral", 200, at(2), { state: "signup", email: null, uid: "", custom_fields: { coupon: "SPRING20" } }, {
      promoter: { id: 41, status: null, email: "", profile: { country: "DE" } },
      promotion: { id: 51 },
    });
    await deliverAll(ctx.pool, [full, sparse]);

    expect(await lead()).toMatchObject({
      email: "known@example.com",
      uid: "usr_9",
      website: "https://lead.example",
      suspicion: "no_suspicion",
      custom_fields: { utm_source: "blog", coupon: "SPRING20" },
      promoter_id: "41",
      promotion_id: "51",
      snapshot_event_id: "200",
    });
    expect((await lead()).fp_created_at.toISOString()).toBe(at(0));
    expect(await one(ctx.pool, "SELECT * FROM promoter WHERE id = 41")).toMatchObject({
      status: "active",
      email: "ann@example.com",
      default_ref_id: "ann",
      first_name: "Ann",
      last_name: "Lee",
      profile: { first_name: "Ann", last_name: "Lee", country: "DE" },
      snapshot_event_id: "200",
    });
    expect(await one(ctx.pool, "SELECT * FROM promotion WHERE id = 51")).toMatchObject({
      status: "offer_running",
      ref_id: "ann",
      campaign_id: "61",
      promoter_id: "41",
    });
    expect(await one(ctx.pool, "SELECT name FROM campaign WHERE id = 61")).toEqual({ name: "Main Campaign" });
  });

  it("a lead first seen nested in reward_created is created from it, then completed by a late lead_signup", async () => {
    const reward = rewardCreated(300, at(3), { state: "active", email: "l@example.com", customer_since: at(3) });
    const signup = leadEvent("lead_signup", 100, at(1), { state: "signup", email: "l@example.com", suspicion: "ad_source", uid: "", created_at: at(0) });

    await deliverAll(ctx.pool, [reward]);
    expect(await lead()).toMatchObject({ state: "active", email: "l@example.com", promoter_id: null, promotion_id: null, suspicion: null });
    expect(await one(ctx.pool, "SELECT lead_id, promoter_id FROM reward WHERE id = 7001")).toEqual({ lead_id: "900", promoter_id: "41" });

    await deliverAll(ctx.pool, [signup]);
    const l = await lead();
    expect(l).toMatchObject({ state: "active", promoter_id: "41", promotion_id: "51", suspicion: "ad_source", snapshot_event_id: "300" });
    expect(l.fp_created_at.toISOString()).toBe(at(0));
    expect(l.customer_since.toISOString()).toBe(at(3));
    // The promoter first seen partially in the reward is completed too (profile, ref id), its newer status kept.
    expect(await one(ctx.pool, "SELECT default_ref_id, first_name, status, snapshot_event_id FROM promoter WHERE id = 41")).toEqual({
      default_ref_id: "ann",
      first_name: "Ann",
      status: "active",
      snapshot_event_id: "300",
    });

    await expectOrderIndependent([signup, reward]);
  });

  it("a promoter first seen nested in fulfilment_pending is completed by a late promoter_signed_up", async () => {
    const fulfilment = envelope("fulfilment_pending", 300, at(3), {
      id: 8001,
      status: "pending",
      amount: 1,
      unit: "free_months",
      promoter: { id: 43, status: "active", email: "cy@example.com", current_balance: { free_months: 1 } },
      campaign: { id: 62, name: "Customer Referrals" },
    });
    const signedUp = envelope("promoter_signed_up", 100, at(1), {
      promoter: { id: 43, status: "pending", email: "cy@example.com", default_ref_id: "cy", temp_password: "x", profile: { first_name: "Cy" } },
      promotions: [{ id: 53, status: "offer_running", ref_id: "cy", campaign_id: 62, campaign_name: "Customer Referrals" }],
    });
    await deliverAll(ctx.pool, [fulfilment, signedUp]);
    expect(await one(ctx.pool, "SELECT status, default_ref_id, first_name, snapshot_event_id FROM promoter WHERE id = 43")).toEqual({
      status: "active",
      default_ref_id: "cy",
      first_name: "Cy",
      snapshot_event_id: "300",
    });
    expect(await balances(43)).toEqual([{ kind: "current", unit: "free_months", amount: 1, snapshot_event_id: "300" }]);
    await expectOrderIndependent([signedUp, fulfilment]);
  });

  it("an older fulfilment_pending snapshot after a newer one keeps the newer values (and still counts as a delivery)", async () => {
    const f = (eventId: number, s: number, amount: number) =>
      envelope("fulfilment_pending", eventId, at(s), { id: 8002, status: "pending", amount, unit: "credits", due_date: at(s + 10) });
    await deliverAll(ctx.pool, [f(200, 2, 5000), f(100, 1, 2500)]);
    const row = await one(ctx.pool, "SELECT amount::float8 AS amount, due_date, delivery_count, snapshot_event_id FROM fulfilment WHERE id = 8002");
    expect(row).toMatchObject({ amount: 5000, delivery_count: 2, snapshot_event_id: "200" });
    expect(row.due_date.toISOString()).toBe(at(12));
  });

  describe("same created_at: the event id breaks the tie (numerically)", () => {
    it.each([
      [99, 100],
      [999, 1000],
      [22736304, 22736305],
    ])("event %i then %i, in either order, ends with the later id's snapshot", async (lower, higher) => {
      const a = leadEvent("lead_signup", lower, at(5), { state: "signup", plan_name: "Starter" });
      const b = leadEvent("new_customer", higher, at(5), { state: "active", plan_name: "Pro" });
      const final = await expectOrderIndependent([a, b]);
      expect(final.lead).toEqual([expect.objectContaining({ state: "active", plan_name: "Pro", snapshot_event_id: String(higher) })]);
    });
  });

  describe("re-attribution", () => {
    const signupAnn = leadEvent("lead_signup", 100, at(1), { state: "signup" }, ANN);
    const referralBob = leadEvent("lead_becomes_referral", 200, at(2), { state: "signup", uid: "usr_2" }, BOB);

    it("a newer event moves the lead to another promoter and promotion", async () => {
      await deliverAll(ctx.pool, [signupAnn, referralBob]);
      expect(await lead()).toMatchObject({ promoter_id: "42", promotion_id: "52" });
    });

    it("a late older event does not move it back", async () => {
      await deliverAll(ctx.pool, [referralBob, signupAnn]);
      expect(await lead()).toMatchObject({ promoter_id: "42", promotion_id: "52", snapshot_event_id: "200" });
      await expectOrderIndependent([signupAnn, referralBob]);
    });

    it("holds in any delivery order, also when a newer snapshot without attribution (reward_created) arrives first", async () => {
      // In order: Ann (t1), Bob (t2), then a reward at t3 whose nested lead carries no attribution: the lead is Bob's.
      const reward = rewardCreated(300, at(3), { state: "active", customer_since: at(3) }, { id: 42, status: "active" });
      const inOrder = await project([signupAnn, referralBob, reward]);
      expect(inOrder.lead).toEqual([expect.objectContaining({ promoter_id: "42", promotion_id: "52", state: "active" })]);

      // Every other order must end the same way.
      const orders: Body[][] = [
        [reward, signupAnn, referralBob],
        [reward, referralBob, signupAnn],
        [referralBob, reward, signupAnn],
        [signupAnn, reward, referralBob],
        [referralBob, signupAnn, reward],
      ];
      const results: Record<string, Json> = {};
      for (const order of orders) {
        const key = order.map((b) => b.event.id).join(" → ");
        results[key] = (await project(order)).lead?.[0]?.promoter_id;
      }
      expect(results).toEqual(Object.fromEntries(Object.keys(results).map((k) => [k, "42"])));
    });

    it("the promoter's profile likewise ends as the newest profile in any order", async () => {
      // Profiles change (country US → DE); a reward's nested promoter carries none.
      const ann = (eventId: number, s: number, country: string) =>
        leadEvent("lead_becomes_referral", eventId, at(s), { state: "signup" }, { ...ANN, promoter: { ...ANN.promoter, profile: { first_name: "Ann", country } } });
      const reward = rewardCreated(300, at(3), { state: "active" });
      const inOrder = await project([ann(100, 1, "US"), ann(200, 2, "DE"), reward]);
      const profile = (p: Record<string, Json[]>) => p.promoter?.find((r) => r.id === "41")?.profile;
      expect(profile(inOrder)).toEqual({ first_name: "Ann", country: "DE" });
      expect(profile(await project([reward, ann(100, 1, "US"), ann(200, 2, "DE")]))).toEqual({ first_name: "Ann", country: "DE" });
    });
  });
});
