// The merge rule across formats, row by row of docs/v1-v2-mapping.md: one version key for both
// formats (v2 wins a same-second tie with v1; within a second created < updated < deleted; then
// event_id), explicit v2 nulls set a value while absent fields and v1 nulls change nothing, deletion is
// a versioned field v1 never writes, a deleted payout link unlinks, FirstPromoter's outcome is kept
// apart from Ledger's review, and the v2 review queue is computed from the merged commission.
import { describe, expect, it } from "vitest";
import { type Json, one, post, postV2, rows, useTestDatabase, type V2Body, v2Envelope, variant } from "./helpers.ts";

const ctx = useTestDatabase();

const referral = (ts: string, data: Json, verb = "updated", action: V2Body["action"] = "updated") =>
  v2Envelope(`referral.${verb}`, action, { id: 61001, ...data }, ts);
const commission = (ts: string, data: Json, action: V2Body["action"] = "updated") =>
  v2Envelope("commission.updated", action, { id: 88901, amount: 500, unit: "points", ...data }, ts);

async function deliver(...bodies: Json[]) {
  for (const b of bodies) {
    const res = "event_id" in b ? await postV2(ctx.pool, b) : await post(ctx.pool, b);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  }
}

const lead = (cols = "state, email, cancelled_at, deleted") => one(ctx.pool, `SELECT ${cols} FROM lead WHERE id = 61001`);

describe("per field: the newest key wins, a late older snapshot changes nothing, in any order", () => {
  const created = referral("2025-02-01T10:00:00Z", { state: "signup", email: "a@example.com" }, "created", "created");
  const converted = referral("2025-02-02T10:00:00Z", { state: "active", customer_since: "2025-02-02T10:00:00Z" }, "converted");
  const cancelled = referral("2025-02-03T10:00:00Z", { state: "cancelled", cancelled_at: "2025-02-03T10:00:00Z" }, "cancelled");
  const orders = [
    [created, converted, cancelled],
    [cancelled, converted, created],
    [converted, cancelled, created],
  ];
  for (const [i, order] of orders.entries()) {
    it(`order ${i + 1}`, async () => {
      await deliver(...order);
      const l = await lead("state, email, customer_since");
      expect(l).toMatchObject({ state: "cancelled", email: "a@example.com" });
      expect(l.customer_since.toISOString()).toBe("2025-02-02T10:00:00.000Z");
    });
  }

  it("an explicit v2 null sets the field (a reactivation clears cancelled_at); an absent field changes nothing; a late copy of the older state changes nothing", async () => {
    const reactivated = referral("2025-02-04T10:00:00Z", { state: "active", cancelled_at: null });
    await deliver(created, cancelled, reactivated);
    expect(await lead()).toMatchObject({ state: "active", cancelled_at: null, email: "a@example.com" });
    await deliver(referral("2025-02-03T12:00:00Z", { state: "cancelled", cancelled_at: "2025-02-03T12:00:00Z" }));
    expect(await lead()).toMatchObject({ state: "active", cancelled_at: null });
  });

  it("a v1 null changes nothing (v1 sends null for unknown)", async () => {
    await deliver(cancelled);
    await deliver(
      variant("lead_signup", 50_000_001, "2025-02-05T10:00:00.000Z", (d) => {
        d.id = 61001;
        d.cancelled_at = null;
        d.state = "cancelled";
      }),
    );
    expect((await lead()).cancelled_at.toISOString()).toBe("2025-02-03T10:00:00.000Z");
  });
});

describe("the version key across formats", () => {
  it("in one second, v2 (the entity's full state) wins over v1 at any millisecond, whatever arrives first", async () => {
    const v1 = variant("lead_signup", 50_000_002, "2025-02-01T10:00:00.900Z", (d) => {
      d.id = 61001;
      d.state = "signup";
    });
    const v2 = referral("2025-02-01T10:00:00Z", { state: "active" });
    await deliver(v1, v2);
    expect((await lead()).state).toBe("active");
    await ctx.pool.query("TRUNCATE webhook_event, webhook_delivery, event_record, lead, promotion, promoter, campaign, promoter_balance CASCADE");
    await deliver(v2, { ...v1, event: { ...v1.event, id: 50_000_003 } });
    expect((await lead()).state).toBe("active");
  });

  it("in one second, created < updated < deleted; two updates fall to event_id order — the same in every order", async () => {
    const a = referral("2025-02-01T10:00:00Z", { state: "signup" }, "created", "created");
    const b = referral("2025-02-01T10:00:00Z", { state: "active" });
    const c = { ...referral("2025-02-01T10:00:00Z", { state: "refunded" }), event_id: "ffffffff-0000-4000-8000-000000000000" };
    const d = { ...referral("2025-02-01T10:00:00Z", { state: "moved" }), event_id: "00000000-0000-4000-8000-000000000000" };
    await deliver(b, c, a, d);
    expect((await lead()).state).toBe("refunded");
    await ctx.pool.query("TRUNCATE webhook_event, webhook_delivery, event_record, lead CASCADE");
    await deliver(d, a, c, b);
    expect((await lead()).state).toBe("refunded");
  });

  it("a newer v1 snapshot overrides an older v2 one, field by field (fraud_check and suspicion are one column)", async () => {
    await deliver(referral("2025-02-01T10:00:00Z", { state: "pending", fraud_check: "same_ip_suspicion", email: "v2@example.com" }));
    await deliver(
      variant("lead_signup", 50_000_004, "2025-02-02T10:00:00.000Z", (d) => {
        d.id = 61001;
        d.suspicion = "no_suspicion";
        d.state = "signup";
        d.email = "v1@example.com";
      }),
    );
    expect(await lead("state, email, suspicion")).toEqual({ state: "signup", email: "v1@example.com", suspicion: "no_suspicion" });
  });
});

describe("deletion is a versioned field", () => {
  it("deleted → kept, marked; a late older update does not bring it back; a newer one does; v1 never writes it", async () => {
    await deliver(referral("2025-02-01T10:00:00Z", { state: "signup", email: "a@example.com" }, "created", "created"));
    await deliver(referral("2025-02-03T10:00:00Z", { state: "denied" }, "deleted", "deleted"));
    expect(await lead("state, deleted")).toEqual({ state: "denied", deleted: true });
    await deliver(referral("2025-02-02T10:00:00Z", { state: "active" }));
    expect(await lead("state, deleted")).toEqual({ state: "denied", deleted: true });
    await deliver(
      variant("lead_signup", 50_000_005, "2025-02-05T10:00:00.000Z", (d) => {
        d.id = 61001;
        d.state = "active";
      }),
    );
    expect(await lead("state, deleted")).toEqual({ state: "active", deleted: true });
    await deliver(referral("2025-02-06T10:00:00Z", { state: "active" }));
    expect(await lead("state, deleted")).toEqual({ state: "active", deleted: false });
  });

  it("a deleted payout–commission link unlinks: the commission is no longer fulfilled by that payout", async () => {
    await deliver(commission("2025-02-01T10:00:00Z", { status: "approved" }));
    const link = (action: V2Body["action"], ts: string) =>
      v2Envelope(`payout.commissions.${action === "deleted" ? "removed" : "added"}`, action, { payout_id: 7001, commission_id: 88901 }, ts, { entity_type: "payout", entity_id: 7001 });
    await deliver(link("created", "2025-02-02T10:00:00Z"));
    await deliver(v2Envelope("payout.completed", "updated", { id: 7001, status: "completed", amount: 500, unit: "points" }, "2025-02-03T10:00:00Z"));
    expect(await one(ctx.pool, "SELECT fp_outcome, sync_state::text FROM fulfilment WHERE id = 88901")).toEqual({ fp_outcome: "fulfilled", sync_state: "fp_fulfilled" });
    await deliver(link("deleted", "2025-02-04T10:00:00Z"));
    expect(await one(ctx.pool, "SELECT deleted FROM payout_commission")).toEqual({ deleted: true });
    expect(await one(ctx.pool, "SELECT fp_outcome, sync_state::text FROM fulfilment WHERE id = 88901")).toEqual({ fp_outcome: null, sync_state: "awaiting_review" });
  });

  it("a reversal (payout completed → pending after mark_unfulfilled) is just a newer value", async () => {
    await deliver(commission("2025-02-01T10:00:00Z", { status: "approved" }));
    await deliver(v2Envelope("payout.commissions.added", "created", { payout_id: 7001, commission_id: 88901 }, "2025-02-01T10:00:01Z", { entity_type: "payout" }));
    const payout = (status: string, ts: string) => v2Envelope("payout.updated", "updated", { id: 7001, status }, ts);
    await deliver(payout("pending", "2025-02-05T10:00:00Z"), payout("completed", "2025-02-03T10:00:00Z"));
    expect(await one(ctx.pool, "SELECT p.status, f.fp_outcome FROM payout p, fulfilment f WHERE f.id = 88901")).toEqual({ status: "pending", fp_outcome: null });
  });
});

describe("v2's pending fulfilments: the queue from the merged commission", () => {
  it("approved non-monetary → queued; cash, pending and deleted ones are not", async () => {
    await deliver(commission("2025-02-01T10:00:00Z", { status: "approved" }));
    await deliver(v2Envelope("commission.updated", "updated", { id: 88902, status: "approved", amount: 2500, unit: "cash" }, "2025-02-01T10:00:00Z"));
    await deliver(v2Envelope("commission.updated", "updated", { id: 88903, status: "pending", amount: 5, unit: "credits" }, "2025-02-01T10:00:00Z"));
    await deliver(v2Envelope("commission.deleted", "deleted", { id: 88904, status: "approved", amount: 1, unit: "free_months" }, "2025-02-01T10:00:00Z"));
    expect(await rows(ctx.pool, "SELECT id::text FROM fulfilment ORDER BY id")).toEqual([{ id: "88901" }]);
  });

  it("a denial while it waits: leaves the queue as denied in FirstPromoter; a late older approval does not re-queue it", async () => {
    await deliver(commission("2025-02-01T10:00:00Z", { status: "approved" }));
    await deliver(commission("2025-02-02T10:00:00Z", { status: "denied" }));
    expect(await one(ctx.pool, "SELECT fp_outcome, sync_state::text, review_status::text FROM fulfilment WHERE id = 88901")).toEqual({
      fp_outcome: "denied",
      sync_state: "fp_denied",
      review_status: "pending",
    });
    await deliver(commission("2025-02-01T12:00:00Z", { status: "approved" }));
    expect(await one(ctx.pool, "SELECT r.status, f.fp_outcome FROM reward r JOIN fulfilment f ON f.id = r.id")).toEqual({ status: "denied", fp_outcome: "denied" });
  });

  it("a denial that arrives before the approval (out of order) never queues it", async () => {
    await deliver(commission("2025-02-02T10:00:00Z", { status: "denied" }));
    await deliver(commission("2025-02-01T10:00:00Z", { status: "approved" }));
    expect(await rows(ctx.pool, "SELECT id FROM fulfilment")).toEqual([]);
  });

  it("approved after its payout completed (a late delivery): queued as fulfilled in FirstPromoter already", async () => {
    await deliver(v2Envelope("payout.commissions.added", "created", { payout_id: 7001, commission_id: 88901 }, "2025-02-02T10:00:00Z", { entity_type: "payout" }));
    await deliver(v2Envelope("payout.completed", "updated", { id: 7001, status: "completed" }, "2025-02-03T10:00:00Z"));
    await deliver(commission("2025-02-01T10:00:00Z", { status: "approved" }));
    expect(await one(ctx.pool, "SELECT fp_outcome, sync_state::text FROM fulfilment WHERE id = 88901")).toEqual({ fp_outcome: "fulfilled", sync_state: "fp_fulfilled" });
  });

  it("FirstPromoter's status stays apart from Ledger's: v1's fulfilment status and v2's commission status are separate columns, one queue row", async () => {
    await deliver(
      variant("fulfilment_pending", 50_000_006, "2025-02-01T10:00:00.000Z", (d) => {
        d.id = 88901;
      }),
    );
    await deliver(commission("2025-02-02T10:00:00Z", { status: "approved" }));
    expect(await one(ctx.pool, "SELECT f.fp_status, f.format, f.review_status::text, r.status AS commission_status FROM fulfilment f JOIN reward r ON r.id = f.id")).toEqual({
      fp_status: "pending",
      format: "v1",
      review_status: "pending",
      commission_status: "approved",
    });
    expect(await rows(ctx.pool, "SELECT id FROM fulfilment")).toHaveLength(1);
  });
});

describe("the mapping's other rows", () => {
  it("v2 balances are the earnings balance (a discount unit v1 lacks); v1's current and paid balances stay", async () => {
    await deliver(
      variant("promoter_signed_up", 50_000_007, "2025-02-01T10:00:00.000Z", (d) => {
        d.promoter.id = 12345;
        d.promoter.earnings_balance = { cash: 1000 };
        d.promoter.current_balance = { cash: 400 };
      }),
    );
    await deliver(v2Envelope("promoter.balance.updated", "updated", { id: 12345, balances: { cash: 2500, discount: 3 } }, "2025-02-02T10:00:00Z"));
    expect(await rows(ctx.pool, "SELECT kind::text, unit, amount::int FROM promoter_balance WHERE promoter_id = 12345 ORDER BY kind::text, unit")).toEqual([
      { kind: "current", unit: "cash", amount: 400 },
      { kind: "earnings", unit: "cash", amount: 2500 },
      { kind: "earnings", unit: "discount", amount: 3 },
    ]);
  });

  it("a v2-only promoter's status comes from its campaign states (accepted anywhere → active; blocked everywhere → blocked)", async () => {
    const promoter = (ts: string, states: string[]) =>
      v2Envelope("promoter.updated", "updated", { id: 12346, promoter_campaigns: states.map((state, i) => ({ id: 4400 + i, campaign_id: 300 + i, state })) }, ts);
    await deliver(promoter("2025-02-01T10:00:00Z", ["pending", "accepted"]));
    expect(await one(ctx.pool, "SELECT status FROM promoter WHERE id = 12346")).toEqual({ status: "active" });
    await deliver(promoter("2025-02-02T10:00:00Z", ["blocked", "blocked"]));
    expect(await one(ctx.pool, "SELECT status FROM promoter WHERE id = 12346")).toEqual({ status: "blocked" });
    expect(await rows(ctx.pool, "SELECT state FROM promotion WHERE promoter_id = 12346 ORDER BY id")).toEqual([{ state: "blocked" }, { state: "blocked" }]);
  });
});

describe("a commission deleted in FirstPromoter while it waits", () => {
  it("leaves the queue as deleted in FirstPromoter", async () => {
    await deliver(commission("2025-02-01T10:00:00Z", { status: "approved" }));
    await deliver(commission("2025-02-02T10:00:00Z", { status: "approved" }, "deleted"));
    expect(await one(ctx.pool, "SELECT f.fp_outcome, f.sync_state::text, r.deleted FROM fulfilment f JOIN reward r ON r.id = f.id")).toEqual({
      fp_outcome: "deleted",
      sync_state: "fp_denied",
      deleted: true,
    });
  });
});
