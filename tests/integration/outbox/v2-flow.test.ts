// v2's non-monetary reward, end to end against the fake FirstPromoter API: commission.updated
// (pending → approved) queues it, an admin approves it, the outbox sends mark_fulfilled, FirstPromoter's
// answer confirms it, and the payout.updated (completed) FirstPromoter fires afterwards changes nothing
// more. A denial in FirstPromoter while the approval waits cancels the send nothing was attempted for,
// audited with FirstPromoter as the actor.
import { describe, expect, it } from "vitest";
import { one, postV2, rows, v2Envelope } from "../webhook/helpers.ts";
import { approve, auditActions, commandOf, syncOf, useOutbox, worker } from "./helpers.ts";

const o = useOutbox();

const commission = (id: number, status: string, ts: string) =>
  v2Envelope("commission.updated", "updated", { id, status, amount: 500, unit: "points", referral: { id: 55678, email: "user@example.com" } }, ts, {
    changes: { status: ["pending", status] },
  });

async function deliver(body: Parameters<typeof postV2>[1]) {
  const res = await postV2(o.ctx.pool, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe("a v2 non-monetary commission through the review queue and the outbox", () => {
  it("approved in FirstPromoter → queued → approved in Ledger → mark_fulfilled → confirmed; the payout.updated after it agrees", async () => {
    const id = 91_000_001;
    o.api.fake.seed([{ id, status: "approved", unit: "points", amount: 500, created_at: "2025-01-18T09:00:00Z", payoutOnApprove: true, payout: { id: 7101, status: "pending" } }]);
    await deliver(v2Envelope("payout.commissions.added", "created", { payout_id: 7101, commission_id: id }, "2025-01-19T10:30:01Z", { entity_type: "payout" }));
    await deliver(commission(id, "approved", "2025-01-19T10:30:00Z"));
    expect(await one(o.ctx.pool, "SELECT format, review_status::text, sync_state::text FROM fulfilment WHERE id = $1", [id])).toEqual({
      format: "v2",
      review_status: "pending",
      sync_state: "awaiting_review",
    });

    await approve(o, [String(id)]);
    expect(await syncOf(o, String(id))).toBe("sending");
    await worker(o).tick();
    expect(await syncOf(o, String(id))).toBe("confirmed");
    expect(o.api.fake.appliedCount("mark_fulfilled", id)).toBe(1);

    // FirstPromoter fires payout.updated (completed) for the mark: Ledger already knows.
    await deliver(v2Envelope("payout.updated", "updated", { id: 7101, status: "completed", amount: 500, unit: "points" }, "2025-01-20T09:00:00Z", { changes: { status: ["pending", "completed"] } }));
    expect(await one(o.ctx.pool, "SELECT sync_state::text, fp_outcome FROM fulfilment WHERE id = $1", [id])).toEqual({ sync_state: "confirmed", fp_outcome: "fulfilled" });
    expect(await rows(o.ctx.pool, "SELECT kind, state FROM fp_command WHERE fulfilment_id = $1", [id])).toEqual([{ kind: "mark_fulfilled", state: "confirmed" }]);
  });

  it("payout.updated (completed) before the worker sent anything confirms the open command without a call", async () => {
    const id = 91_000_002;
    await deliver(commission(id, "approved", "2025-01-19T10:30:00Z"));
    await deliver(v2Envelope("payout.commissions.added", "created", { payout_id: 7102, commission_id: id }, "2025-01-19T10:30:01Z", { entity_type: "payout" }));
    await approve(o, [String(id)], { ...o.config, sendDelayMs: 60_000 });
    await deliver(v2Envelope("payout.updated", "updated", { id: 7102, status: "completed" }, "2025-01-20T09:00:00Z"));
    expect(await commandOf(o, String(id))).toMatchObject({ state: "confirmed", result: "fulfilled", attempts: 0 });
    expect(await syncOf(o, String(id))).toBe("confirmed");
    expect(o.api.fake.calls).toHaveLength(0);
  });

  it("denied in FirstPromoter while the approval waits: the unattempted send is cancelled in the same statement, audited as FirstPromoter", async () => {
    const id = 91_000_003;
    await deliver(commission(id, "approved", "2025-01-19T10:30:00Z"));
    await approve(o, [String(id)], { ...o.config, sendDelayMs: 60_000 });
    await deliver(commission(id, "denied", "2025-01-19T11:00:00Z"));
    expect(await rows(o.ctx.pool, "SELECT state, result FROM fp_command WHERE fulfilment_id = $1", [id])).toEqual([{ state: "cancelled", result: "denied_in_firstpromoter" }]);
    expect(await one(o.ctx.pool, "SELECT fp_outcome, sync_state::text FROM fulfilment WHERE id = $1", [id])).toEqual({ fp_outcome: "denied", sync_state: "fp_denied" });
    expect(await auditActions(o, String(id))).toEqual(["fulfilment.approve", "firstpromoter.denied"]);
    expect(await one(o.ctx.pool, "SELECT actor_id, actor_email FROM audit_log WHERE action = 'firstpromoter.denied'")).toEqual({ actor_id: "system:firstpromoter", actor_email: "FirstPromoter" });
    await worker(o).tick();
    expect(o.api.fake.calls).toHaveLength(0);
  });
});
