// Each documented example payload (../shared/seeds/, copied to tests/fixtures/firstpromoter/),
// delivered alone to an empty database, projects to exactly the values it shows.
import { describe, expect, it } from "vitest";
import { fixture, one, post, rows, snapshot, tableCounts, touchedBy, useTestDatabase } from "./helpers.ts";

const ctx = useTestDatabase();

const balancesOf = (promoterId: string) =>
  rows(
    ctx.pool,
    "SELECT kind::text, unit, amount::float8 AS amount FROM promoter_balance WHERE promoter_id = $1 ORDER BY promoter_balance.kind, unit",
    [promoterId],
  );

async function expectEventStored(externalId: string, type: string, occurredAt: string) {
  const event = await one(ctx.pool, "SELECT * FROM webhook_event WHERE external_id = $1", [externalId]);
  expect(event).toMatchObject({ source: "firstpromoter", type, status: "processed", error: null });
  expect(event.occurred_at.toISOString()).toBe(occurredAt);
  const delivery = await one(ctx.pool, "SELECT * FROM webhook_delivery");
  expect(delivery).toMatchObject({ outcome: "accepted", external_event_id: externalId, event_type: type, event_id: event.id, error_code: null });
  return { event, delivery };
}

describe("seed examples delivered to an empty database", () => {
  it("lead_signup: promoter with balances, promotion, campaign and the attributed lead", async () => {
    const body = fixture("lead_signup");
    const res = await post(ctx.pool, body);
    expect(res).toEqual({ status: 200, body: { ok: true, event_id: "22736304" } });

    const { event, delivery } = await expectEventStored("22736304", "lead_signup", "2024-10-03T13:45:20.103Z");
    expect(delivery.status_code).toBe(200);
    expect(event.payload).toEqual(body);

    expect(await one(ctx.pool, "SELECT * FROM promoter WHERE id = 3920164")).toMatchObject({
      status: "active",
      email: "promoter@example.com",
      default_ref_id: "myrefid",
      first_name: "Jane",
      last_name: "Smith",
      profile: { first_name: "Jane", last_name: "Smith", country: "US" },
      snapshot_event_id: "22736304",
    });
    expect(await balancesOf("3920164")).toEqual([
      { kind: "earnings", unit: "cash", amount: 50744 },
      { kind: "current", unit: "cash", amount: 20044 },
      { kind: "paid", unit: "cash", amount: 30700 },
    ]);

    const lead = await one(ctx.pool, "SELECT * FROM lead WHERE id = 21381518");
    expect(lead).toMatchObject({
      state: "signup",
      email: "customer@example.com",
      suspicion: "no_suspicion",
      promoter_id: "3920164",
      promotion_id: "4210924",
      customer_since: null,
      cancelled_at: null,
      plan_name: null,
      snapshot_event_id: "22736304",
    });
    expect(lead.fp_created_at.toISOString()).toBe("2024-10-03T13:45:20.031Z");
    expect(lead.snapshot_at.toISOString()).toBe("2024-10-03T13:45:20.103Z");

    expect(await one(ctx.pool, "SELECT * FROM promotion WHERE id = 4210924")).toMatchObject({
      promoter_id: "3920164",
      campaign_id: "13202",
      status: "offer_running",
      ref_id: "afpxunub",
      referral_link: "https://www.example.com?_get=afpxunub",
      current_referral_reward: { id: 128312, amount: 0, type: "per_referral", unit: "cash", name: "20% recurring commission", per_of_sale: 20 },
    });
    expect(await rows(ctx.pool, "SELECT id, name FROM campaign")).toEqual([{ id: "13202", name: "Main Campaign" }]);

    expect(await touchedBy(ctx.pool, 22736304)).toEqual({
      campaign: ["13202"],
      lead: ["21381518"],
      promoter: ["3920164"],
      promotion: ["4210924"],
    });
    expect(await tableCounts(ctx.pool)).toMatchObject({ reward: 0, fulfilment: 0 });
  });

  it("promoter_signed_up: pending promoter with profile and promotion; temp_password stored nowhere", async () => {
    const res = await post(ctx.pool, fixture("promoter_signed_up"));
    expect(res).toEqual({ status: 200, body: { ok: true, event_id: "22733100" } });
    await expectEventStored("22733100", "promoter_signed_up", "2024-10-03T11:45:10.312Z");

    const promoter = await one(ctx.pool, "SELECT * FROM promoter WHERE id = 9000800");
    expect(promoter).toMatchObject({
      status: "pending",
      email: "newaffiliate@example.com",
      default_ref_id: "cx2mn",
      first_name: "Jane",
      last_name: "Smith",
      profile: { first_name: "Jane", last_name: "Smith", website: "https://www.janesmith.com", company_name: "Smith Media", country: "US" },
    });
    expect(promoter.fp_created_at.toISOString()).toBe("2024-10-03T11:45:10.102Z");
    // All three balances are null in the example: no balance rows.
    expect(await balancesOf("9000800")).toEqual([]);

    expect(await one(ctx.pool, "SELECT * FROM promotion WHERE id = 11027500")).toMatchObject({
      promoter_id: "9000800",
      campaign_id: "13202",
      status: "offer_running",
      ref_id: "cx2mn",
      referral_link: "https://www.example.com?_get=cx2mn",
    });
    expect(await rows(ctx.pool, "SELECT id, name FROM campaign")).toEqual([{ id: "13202", name: "Main Campaign" }]);
    expect(await touchedBy(ctx.pool, 22733100)).toEqual({ campaign: ["13202"], promoter: ["9000800"], promotion: ["11027500"] });

    // The credential is nowhere: not as a key, not as a value, in any table.
    const event = await one(ctx.pool, "SELECT payload FROM webhook_event WHERE external_id = '22733100'");
    expect(event.payload.data.promoter).not.toHaveProperty("temp_password");
    expect(event.payload.data.promoter.email).toBe("newaffiliate@example.com");
    const everything = JSON.stringify(await snapshot(ctx.pool));
    expect(everything).not.toContain("temp_password");
    expect(everything).not.toContain("XPQ-rT");
    const inPayloads = await one(
      ctx.pool,
      "SELECT count(*)::int AS n FROM webhook_event WHERE payload::text LIKE '%temp_password%' OR payload::text LIKE '%XPQ-rT%'",
    );
    expect(inPayloads.n).toBe(0);
  });

  it("reward_created: the reward, its promoter and promotion, and the lead created from the nested partial lead", async () => {
    const res = await post(ctx.pool, fixture("reward_created"));
    expect(res).toEqual({ status: 200, body: { ok: true, event_id: "22737431" } });
    await expectEventStored("22737431", "reward_created", "2024-10-03T14:23:20.791Z");

    const reward = await one(
      ctx.pool,
      "SELECT *, amount::float8 AS amount, conversion_amount::float8 AS conversion_amount FROM reward WHERE id = 11174868",
    );
    expect(reward).toMatchObject({
      status: "approved",
      amount: 200,
      unit: "cash",
      conversion_amount: 10000,
      tier_level: 1,
      lead_id: "21381518",
      promoter_id: "5779418",
      promotion_id: "9438768",
    });
    expect(reward.fp_created_at.toISOString()).toBe("2024-10-03T14:23:20.495Z");

    const lead = await one(ctx.pool, "SELECT * FROM lead WHERE id = 21381518");
    expect(lead).toMatchObject({ state: "active", email: "customer@example.com", promoter_id: null, promotion_id: null, suspicion: null });
    expect(lead.customer_since.toISOString()).toBe("2024-10-03T14:23:20.495Z");

    expect(await one(ctx.pool, "SELECT * FROM promoter WHERE id = 5779418")).toMatchObject({
      status: "active",
      email: "promoter@example.com",
      default_ref_id: null,
      profile: null,
    });
    expect(await balancesOf("5779418")).toEqual([
      { kind: "earnings", unit: "cash", amount: 4200 },
      { kind: "current", unit: "cash", amount: 4200 },
    ]);
    expect(await one(ctx.pool, "SELECT * FROM promotion WHERE id = 9438768")).toMatchObject({
      promoter_id: "5779418",
      campaign_id: "13202",
      referral_link: "https://www.example.com?_get=myrefid",
    });
    expect(await rows(ctx.pool, "SELECT id, name FROM campaign")).toEqual([{ id: "13202", name: "Main Campaign" }]);
    expect(await touchedBy(ctx.pool, 22737431)).toEqual({
      campaign: ["13202"],
      lead: ["21381518"],
      promoter: ["5779418"],
      promotion: ["9438768"],
      reward: ["11174868"],
    });
  });

  it("fulfilment_pending: 3 free_months pending review, answered 202; promoter balance and campaign", async () => {
    const res = await post(ctx.pool, fixture("fulfilment_pending"));
    expect(res).toEqual({ status: 202, body: { ok: true, event_id: "13007875", review_status: "pending" } });
    const { delivery } = await expectEventStored("13007875", "fulfilment_pending", "2023-08-23T11:06:02.663Z");
    expect(delivery.status_code).toBe(202);

    const f = await one(ctx.pool, "SELECT *, amount::float8 AS amount FROM fulfilment WHERE id = 2429153");
    expect(f).toMatchObject({
      fp_status: "pending",
      review_status: "pending",
      amount: 3,
      unit: "free_months",
      has_issues: false,
      promoter_id: "5272969",
      campaign_id: "17476",
      delivery_count: 1,
      answered_200_at: null,
      sync_state: "awaiting_review",
      due_date: null,
      date_paid: null,
      reward: { id: 109465, type: "per_promotion", unit: "free_months", name: "Free subscription months" },
    });
    expect(f.first_delivery_at.getTime()).toBe(f.last_delivery_at.getTime());
    expect(f.fp_created_at.toISOString()).toBe("2023-08-23T11:06:02.607Z");

    expect(await one(ctx.pool, "SELECT * FROM promoter WHERE id = 5272969")).toMatchObject({ status: "active", email: "promoter@example.com" });
    expect(await balancesOf("5272969")).toEqual([{ kind: "current", unit: "free_months", amount: 3 }]);
    expect(await rows(ctx.pool, "SELECT id, name, landing_url FROM campaign")).toEqual([
      { id: "17476", name: "Campaign Name", landing_url: "https://www.your-company.com" },
    ]);
    expect(await touchedBy(ctx.pool, 13007875)).toEqual({ campaign: ["17476"], fulfilment: ["2429153"], promoter: ["5272969"] });
  });

  it("all four seeds together: four events, four deliveries, no cross-talk", async () => {
    for (const type of ["lead_signup", "promoter_signed_up", "reward_created", "fulfilment_pending"] as const) {
      const res = await post(ctx.pool, fixture(type));
      expect(res.status).toBe(type === "fulfilment_pending" ? 202 : 200);
    }
    expect(await tableCounts(ctx.pool)).toMatchObject({
      webhook_event: 4,
      webhook_delivery: 4,
      campaign: 2,
      promoter: 4,
      promotion: 3,
      lead: 1,
      reward: 1,
      fulfilment: 1,
    });
    // lead_signup (13:45) is older than reward_created (14:23): the lead is active, and keeps its attribution.
    expect(await one(ctx.pool, "SELECT state, promoter_id, promotion_id, suspicion FROM lead")).toEqual({
      state: "active",
      promoter_id: "3920164",
      promotion_id: "4210924",
      suspicion: "no_suspicion",
    });
  });
});
