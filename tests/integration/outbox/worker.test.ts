import { describe, expect, it } from "vitest";
import { claimCommands } from "@/lib/outbox/claim-commands.ts";
import { createApiClient } from "@/lib/firstpromoter-api/client.ts";
import { RETRY } from "@/lib/outbox/backoff.ts";
import { one, post, rows, variant } from "../webhook/helpers.ts";
import { API_KEY, approve, auditActions, commandOf, pendingFulfilments, syncOf, tickUntil, useOutbox, worker } from "./helpers.ts";

// The outbox worker against the fake FirstPromoter API and a real database: each path from an
// approval to FirstPromoter's confirmation, every read-back outcome, and every injected fault.

const o = useOutbox();

const confirmed = (id: string) => async () => (await syncOf(o, id)) === "confirmed";

describe("outbox worker: the happy path", () => {
  it("approves, sends mark_fulfilled once, and records FirstPromoter's confirmation with audit rows", async () => {
    const [id] = await pendingFulfilments(o, 1);
    await approve(o, [id!]);
    expect(await syncOf(o, id!)).toBe("sending");
    const w = worker(o);
    expect((await w.tick()).calls).toBe(1);
    expect(await syncOf(o, id!)).toBe("confirmed");
    expect(o.api.fake.appliedCount("mark_fulfilled", Number(id))).toBe(1);
    const cmd = await commandOf(o, id!);
    expect(cmd).toMatchObject({ state: "confirmed", result: "fulfilled", attempts: 1, lease_owner: null });
    expect(await one(o.ctx.pool, "SELECT fp_outcome, undo_until FROM fulfilment WHERE id = $1", [id])).toEqual({ fp_outcome: "fulfilled", undo_until: null });
    expect(await auditActions(o, id!)).toEqual(["fulfilment.approve", "firstpromoter.send", "firstpromoter.answer"]);
    expect((await one(o.ctx.pool, "SELECT last_success_at FROM fp_connection")).last_success_at).not.toBeNull();
  });

  it("packs up to 5 ids per call", async () => {
    const ids = await pendingFulfilments(o, 7);
    await approve(o, ids);
    const w = worker(o);
    await w.tick();
    const marks = o.api.fake.calls.filter((c) => c.path.endsWith("/mark_fulfilled"));
    expect(marks.map((c) => c.ids.length).sort()).toEqual([2, 5]);
    for (const id of ids) expect(await syncOf(o, id)).toBe("confirmed");
  });

  it("a commission still pending in FirstPromoter is approved first, then marked", async () => {
    const [id] = await pendingFulfilments(o, 1, { status: "pending", payout: null });
    await approve(o, [id!]);
    await tickUntil(o, worker(o), confirmed(id!));
    expect(o.api.fake.calls.map((c) => c.path.replace(/.*\/company/, ""))).toEqual(
      expect.arrayContaining(["/commissions/mark_fulfilled", "/commissions", "/commissions/approve"]),
    );
    expect(o.api.fake.appliedCount("approve", Number(id))).toBe(1);
    expect(o.api.fake.appliedCount("mark_fulfilled", Number(id))).toBe(1);
  });

  it("an approved commission without a payout gets one (generate_payouts), then is marked", async () => {
    const [id] = await pendingFulfilments(o, 1, { status: "approved", payout: null, payoutOnApprove: false });
    await approve(o, [id!]);
    await tickUntil(o, worker(o), confirmed(id!));
    expect(o.api.fake.appliedCount("generate_payouts", Number(id))).toBe(1);
    expect(o.api.fake.appliedCount("mark_fulfilled", Number(id))).toBe(1);
    // It was refused alone before Ledger concluded there was no payout.
    const cmd = await commandOf(o, id!);
    expect(cmd).toMatchObject({ solo: true, payout_requested: true, state: "confirmed" });
  });

  it("a commission denied in FirstPromoter is never approved over: the row says so", async () => {
    const [id] = await pendingFulfilments(o, 1, { status: "denied", payout: null });
    await approve(o, [id!]);
    await tickUntil(o, worker(o), async () => (await syncOf(o, id!)) === "fp_denied");
    expect(o.api.fake.appliedCount("approve", Number(id))).toBe(0);
    expect(await commandOf(o, id!)).toMatchObject({ state: "cancelled", result: "denied_in_firstpromoter" });
    expect((await one(o.ctx.pool, "SELECT fp_outcome FROM fulfilment WHERE id = $1", [id])).fp_outcome).toBe("denied");
  });

  it("an id FirstPromoter does not know fails with that reason", async () => {
    const [id] = await pendingFulfilments(o, 1, null);
    await approve(o, [id!]);
    await tickUntil(o, worker(o), async () => (await syncOf(o, id!)) === "failed");
    expect(await commandOf(o, id!)).toMatchObject({ state: "failed", result: "unknown_id", last_error: "FirstPromoter does not know this id" });
  });

  it("one refused id in a call of several does not fail the others: each is read back and settled", async () => {
    const ids = await pendingFulfilments(o, 3);
    const [unknown] = await pendingFulfilments(o, 1, null);
    await approve(o, [...ids, unknown!]);
    const w = worker(o);
    await tickUntil(o, w, async () => (await Promise.all(ids.map((id) => syncOf(o, id)))).every((s) => s === "confirmed") && (await syncOf(o, unknown!)) === "failed");
    for (const id of ids) expect(o.api.fake.appliedCount("mark_fulfilled", Number(id))).toBe(1);
  });

  it("rejecting sends deny and confirms it", async () => {
    const [id] = await pendingFulfilments(o, 1, { status: "pending", payout: null });
    const { reviewFulfilments } = await import("@/lib/fulfilments/review-fulfilments.ts");
    await reviewFulfilments(o.prisma, { ids: [id!], decision: "rejected", reason: "duplicate account" }, { id: "a", email: "a@example.com" }, null, o.config);
    expect(await syncOf(o, id!)).toBe("deny_scheduled");
    await tickUntil(o, worker(o), async () => (await syncOf(o, id!)) === "deny_confirmed");
    expect(o.api.fake.commissions.get(Number(id))?.status).toBe("denied");
  });

  it("a batch process (202) is polled until it completes", async () => {
    const [id] = await pendingFulfilments(o, 1);
    o.api.fake.inject({ kind: "async", times: 1, match: "mark_fulfilled" });
    await approve(o, [id!]);
    const w = worker(o);
    await w.tick();
    expect(await syncOf(o, id!)).toBe("sent");
    expect((await commandOf(o, id!)).batch_id).not.toBeNull();
    await new Promise((r) => setTimeout(r, 80));
    await tickUntil(o, w, confirmed(id!), { stepMs: 2_500 });
    expect(o.api.fake.appliedCount("mark_fulfilled", Number(id))).toBe(1);
  });
});

describe("outbox worker: faults", () => {
  it("a 500 is retried with backoff (30 s doubling, jittered) until it succeeds", async () => {
    const [id] = await pendingFulfilments(o, 1);
    o.api.fake.inject({ kind: "error_500", times: 2, match: "mark_fulfilled" });
    await approve(o, [id!]);
    const w = worker(o);
    await w.tick();
    expect(await syncOf(o, id!)).toBe("retrying");
    let cmd = await commandOf(o, id!);
    const wait1 = new Date(cmd.due_at).getTime() - o.clock().getTime();
    expect(wait1).toBeGreaterThan(25_000);
    expect(wait1).toBeLessThan(35_000);
    expect(cmd.last_error).toMatch(/500/);
    // Not due yet: nothing is sent.
    expect((await w.tick()).calls).toBe(0);
    o.offset.ms += 31_000;
    await w.tick();
    cmd = await commandOf(o, id!);
    const wait2 = new Date(cmd.due_at).getTime() - o.clock().getTime();
    expect(wait2).toBeGreaterThan(55_000);
    expect(wait2).toBeLessThan(65_000);
    o.offset.ms += 61_000;
    await w.tick();
    expect(await syncOf(o, id!)).toBe("confirmed");
    expect(cmd.attempts).toBe(2);
    expect(await auditActions(o, id!)).toEqual(expect.arrayContaining(["firstpromoter.retry_scheduled"]));
  });

  it("a 429 pauses every send until Retry-After, then sends", async () => {
    const [id] = await pendingFulfilments(o, 1);
    o.api.fake.inject({ kind: "rate_limit", times: 1, retryAfterS: 120 });
    await approve(o, [id!]);
    const w = worker(o);
    expect((await w.tick()).stoppedBy).toBe("rate_limited");
    const until = (await one(o.ctx.pool, "SELECT rate_limited_until FROM fp_connection")).rate_limited_until as Date;
    expect(until.getTime() - o.clock().getTime()).toBeGreaterThan(110_000);
    o.offset.ms += 60_000;
    expect((await w.tick()).stoppedBy).toBe("rate_limited");
    o.offset.ms += 61_000;
    await w.tick();
    expect(await syncOf(o, id!)).toBe("confirmed");
  });

  it("401 pauses every send (paused time does not count) until a probe succeeds", async () => {
    const ids = await pendingFulfilments(o, 2);
    o.api.fake.inject({ kind: "unauthorized", times: 2 });
    await approve(o, ids);
    const w = worker(o, { probeMs: 60_000 });
    expect((await w.tick()).stoppedBy).toBe("paused");
    for (const id of ids) expect(await syncOf(o, id)).toBe("paused");
    const conn = await one(o.ctx.pool, "SELECT paused_at, paused_reason FROM fp_connection");
    expect(conn.paused_at).not.toBeNull();
    expect(conn.paused_reason).toMatch(/refused the API key/);
    // Within the probe interval nothing is called.
    o.api.fake.calls.length = 0;
    o.offset.ms += 30_000;
    expect((await w.tick()).calls).toBe(0);
    // The probe is refused once more (the second injected 401), later one succeeds and sends resume.
    o.offset.ms += 31_000;
    expect((await w.tick()).stoppedBy).toBe("paused");
    o.offset.ms += 4 * 86_400_000;
    await w.tick();
    for (const id of ids) expect(await syncOf(o, id)).toBe("confirmed");
    expect((await one(o.ctx.pool, "SELECT paused_at FROM fp_connection")).paused_at).toBeNull();
  });

  it("a time-out after FirstPromoter applied the change: sent again, settled by the read-back, applied once", async () => {
    const [id] = await pendingFulfilments(o, 1);
    o.api.fake.inject({ kind: "slow", times: 1, slowMs: 1_500, match: "mark_fulfilled" });
    await approve(o, [id!]);
    const w = worker(o);
    await (w as unknown as { client: unknown }).client; // default client: 2 s time-out in these tests
    const fast = worker(o, { client: createApiClient(o.config, { timeoutMs: 500 }) });
    await fast.tick();
    expect(await syncOf(o, id!)).toBe("retrying");
    expect((await commandOf(o, id!)).last_error).toMatch(/no answer from FirstPromoter/);
    await tickUntil(o, fast, confirmed(id!), { stepMs: 40_000 });
    expect(o.api.fake.appliedCount("mark_fulfilled", Number(id))).toBe(1);
  });

  it("a dropped connection after the change was applied: sent again, settled by the read-back, applied once", async () => {
    const [id] = await pendingFulfilments(o, 1);
    o.api.fake.inject({ kind: "drop_after_apply", times: 1, match: "mark_fulfilled" });
    await approve(o, [id!]);
    const w = worker(o);
    await w.tick();
    expect(await syncOf(o, id!)).toBe("retrying");
    await tickUntil(o, w, confirmed(id!), { stepMs: 40_000 });
    expect(o.api.fake.appliedCount("mark_fulfilled", Number(id))).toBe(1);
  });

  it("a crash between FirstPromoter's answer and recording it: the lease expires, it is sent again and settled by read-back", async () => {
    const [id] = await pendingFulfilments(o, 1);
    await approve(o, [id!]);
    // A worker claims and calls, then dies before recording.
    const claim = await claimCommands(o.prisma, "crashed-worker", o.clock(), 60_000);
    expect(claim?.call).toBe("action");
    await createApiClient(o.config).action("mark_fulfilled", [BigInt(id!)]);
    expect(o.api.fake.appliedCount("mark_fulfilled", Number(id))).toBe(1);
    const w = worker(o);
    expect((await w.tick()).calls).toBe(0); // still leased
    o.offset.ms += 61_000;
    await tickUntil(o, w, confirmed(id!));
    expect(o.api.fake.appliedCount("mark_fulfilled", Number(id))).toBe(1);
    expect((await commandOf(o, id!)).attempts).toBe(2);
  });

  it("fails after 3 days of trying, and paused time does not count toward them", async () => {
    const [id] = await pendingFulfilments(o, 1);
    o.api.fake.inject({ kind: "error_500", times: 1000, match: "mark_fulfilled" });
    await approve(o, [id!]);
    const w = worker(o);
    await w.tick();
    // Two days of retries.
    while (o.offset.ms < 2 * 86_400_000) {
      o.offset.ms += RETRY.capMs + 1;
      await w.tick();
    }
    expect(await syncOf(o, id!)).toBe("retrying");
    // Paused for two days: a 401 on the next try, then probes refused until the key works.
    o.api.fake.inject({ kind: "unauthorized", times: 1 });
    o.offset.ms += RETRY.capMs + 1;
    await w.tick();
    expect(await syncOf(o, id!)).toBe("paused");
    const triedBefore = Number((await commandOf(o, id!)).tried_ms);
    o.offset.ms += 2 * 86_400_000;
    await w.tick(); // probe succeeds (the 401 was used), the send fails with 500 again
    expect(await syncOf(o, id!)).toBe("retrying");
    expect(Number((await commandOf(o, id!)).tried_ms)).toBeLessThan(triedBefore + 120_000);
    // One more day and it gives up.
    while ((await syncOf(o, id!)) === "retrying" && o.offset.ms < 6 * 86_400_000) {
      o.offset.ms += RETRY.capMs + 1;
      await w.tick();
    }
    expect(await syncOf(o, id!)).toBe("failed");
    expect(o.offset.ms).toBeGreaterThan(4.9 * 86_400_000);
    expect(await commandOf(o, id!)).toMatchObject({ state: "failed", result: "gave_up" });
    expect(await auditActions(o, id!)).toContain("firstpromoter.failed");
  });

  it("the API key never appears in the database or the audit log, whatever failed", async () => {
    const [id] = await pendingFulfilments(o, 1);
    o.api.fake.inject({ kind: "unauthorized", times: 1 });
    await approve(o, [id!]);
    const w = worker(o);
    await w.tick();
    o.offset.ms += 61_000;
    o.api.fake.inject({ kind: "error_500", times: 1 });
    await w.tick();
    const dump = JSON.stringify([
      await rows(o.ctx.pool, "SELECT * FROM audit_log"),
      await rows(o.ctx.pool, "SELECT * FROM fp_command"),
      await rows(o.ctx.pool, "SELECT * FROM fp_connection"),
    ]);
    expect(dump).not.toContain(API_KEY);
    expect(dump).not.toContain(API_KEY.slice(-12));
  });
});

describe("the webhook's answer and undo", () => {
  it("a re-delivery inside the undo window gets 202, after it 200 (answered 200 is recorded)", async () => {
    const [id] = await pendingFulfilments(o, 1);
    await approve(o, [id!], { ...o.config, sendDelayMs: 1_200 });
    const resend = (eventId: number) => post(o.ctx.pool, variant("fulfilment_pending", eventId, "2024-10-02T10:00:00Z", (d) => (d.id = Number(id))));
    expect((await resend(91_000_001)).status).toBe(202);
    await new Promise((r) => setTimeout(r, 1_300));
    expect((await resend(91_000_002)).status).toBe(200);
    expect((await one(o.ctx.pool, "SELECT answered_200_at FROM fulfilment WHERE id = $1", [id])).answered_200_at).not.toBeNull();
    expect(await syncOf(o, id!)).toBe("answered_200");
    // The API still confirms it, which ranks above the 200.
    await worker(o).tick();
    expect(await syncOf(o, id!)).toBe("confirmed");
  });

  it("undo inside the delay sends nothing and restores the review; it fails once an attempt started", async () => {
    const { undoReview } = await import("@/lib/fulfilments/undo-review.ts");
    const { reviewFulfilments } = await import("@/lib/fulfilments/review-fulfilments.ts");
    const admin = { id: "a", email: "a@example.com" };
    const [held, other] = await pendingFulfilments(o, 2);
    const slow = { ...o.config, sendDelayMs: 60_000 };
    await reviewFulfilments(o.prisma, { ids: [held!], decision: "held", reason: "wait for invoice" }, admin, null, slow);
    await reviewFulfilments(o.prisma, { ids: [held!, other!], decision: "approved" }, admin, null, slow);
    await undoReview(o.prisma, [held!], admin);
    expect(await one(o.ctx.pool, "SELECT review_status, review_reason, sync_state, undo_until FROM fulfilment WHERE id = $1", [held])).toEqual({
      review_status: "held",
      review_reason: "wait for invoice",
      sync_state: "held",
      undo_until: null,
    });
    o.offset.ms += 61_000;
    const w = worker(o);
    await w.tick();
    expect(o.api.fake.appliedCount("mark_fulfilled", Number(held))).toBe(0);
    expect(o.api.fake.appliedCount("mark_fulfilled", Number(other))).toBe(1);
    // `other` was attempted: undo is refused and changes nothing.
    await expect(undoReview(o.prisma, [other!], admin)).rejects.toThrow(/can no longer be undone/);
    expect(await syncOf(o, other!)).toBe("confirmed");
    expect(await auditActions(o, held!)).toEqual(["fulfilment.hold", "fulfilment.approve", "fulfilment.undo"]);
  });
});

describe("without an API key", () => {
  it("approvals write not-connected commands; the webhook's 200 after the window is the only signal", async () => {
    const [id] = await pendingFulfilments(o, 1);
    await approve(o, [id!], { ...o.config, key: null, sendDelayMs: 0 });
    expect(await syncOf(o, id!)).toBe("not_connected");
    expect(await commandOf(o, id!)).toMatchObject({ state: "not_connected", due_at: null });
    const res = await post(o.ctx.pool, variant("fulfilment_pending", 92_000_001, "2024-10-02T10:00:00Z", (d) => (d.id = Number(id))));
    expect(res.status).toBe(200);
    expect(await syncOf(o, id!)).toBe("answered_200");
    // A worker with no key does nothing.
    expect((await worker(o, { config: { ...o.config, key: null }, client: undefined }).tick()).stoppedBy).toBe("not_connected");
  });
});

describe("mark unfulfilled", () => {
  it("after confirmation, unfulfils through the outbox; once FirstPromoter confirms, it awaits review again", async () => {
    const { markUnfulfilled } = await import("@/lib/fulfilments/mark-unfulfilled.ts");
    const [id] = await pendingFulfilments(o, 1);
    await approve(o, [id!]);
    const w = worker(o);
    await w.tick();
    expect(await syncOf(o, id!)).toBe("confirmed");
    await markUnfulfilled(o.prisma, id!, { id: "a", email: "a@example.com" }, null, o.config);
    expect(await syncOf(o, id!)).toBe("unfulfil_scheduled");
    await w.tick();
    expect(await syncOf(o, id!)).toBe("unfulfil_confirmed");
    expect(o.api.fake.commissions.get(Number(id))?.payout?.status).toBe("pending");
    expect((await one(o.ctx.pool, "SELECT review_status FROM fulfilment WHERE id = $1", [id])).review_status).toBe("pending");
    expect(await auditActions(o, id!)).toContain("fulfilment.unfulfil");
  });

  it("while the mark is under way, the unfulfil queues behind it and runs after", async () => {
    const { markUnfulfilled } = await import("@/lib/fulfilments/mark-unfulfilled.ts");
    const [id] = await pendingFulfilments(o, 1);
    o.api.fake.inject({ kind: "error_500", times: 1, match: "mark_fulfilled" });
    await approve(o, [id!]);
    const w = worker(o);
    await w.tick();
    expect(await syncOf(o, id!)).toBe("retrying");
    expect(await markUnfulfilled(o.prisma, id!, { id: "a", email: "a@example.com" }, null, o.config)).toEqual({ queued: true });
    expect(await syncOf(o, id!)).toBe("retrying");
    await tickUntil(o, w, async () => (await syncOf(o, id!)) === "unfulfil_confirmed", { stepMs: 40_000 });
    expect(o.api.fake.appliedCount("mark_fulfilled", Number(id))).toBe(1);
    expect(o.api.fake.appliedCount("mark_unfulfilled", Number(id))).toBe(1);
  });
});

describe("retry and settle a failed send", () => {
  it("retry starts a new command with a fresh clock; settle records that it was handled in FirstPromoter", async () => {
    const { retrySend } = await import("@/lib/fulfilments/retry-send.ts");
    const { settleInFirstPromoter } = await import("@/lib/fulfilments/settle-in-firstpromoter.ts");
    const admin = { id: "a", email: "a@example.com" };
    const [a, b] = await pendingFulfilments(o, 2, null);
    await approve(o, [a!, b!]);
    const w = worker(o);
    await tickUntil(o, w, async () => (await syncOf(o, a!)) === "failed" && (await syncOf(o, b!)) === "failed");
    // FirstPromoter learns of `a`; retrying it now works.
    o.api.fake.seed([{ id: Number(a), status: "approved", unit: "free_months", amount: 3, created_at: "2024-10-01T10:00:00Z", payoutOnApprove: true, payout: { id: 1, status: "pending" } }]);
    await retrySend(o.prisma, a!, admin, null, o.config);
    expect(await commandOf(o, a!)).toMatchObject({ state: "scheduled", attempts: 0, tried_ms: "0" });
    await w.tick();
    expect(await syncOf(o, a!)).toBe("confirmed");
    await settleInFirstPromoter(o.prisma, b!, "Fulfilled it by hand in FirstPromoter", admin);
    expect(await syncOf(o, b!)).toBe("settled");
    await expect(settleInFirstPromoter(o.prisma, b!, "again", admin)).rejects.toThrow(/no failed send/);
    await expect(retrySend(o.prisma, b!, admin, null, o.config)).rejects.toThrow(/no failed send/);
    expect(await auditActions(o, a!)).toContain("fulfilment.retry_send");
    expect(await auditActions(o, b!)).toContain("fulfilment.settle");
  });
});
