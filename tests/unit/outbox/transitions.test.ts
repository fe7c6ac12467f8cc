import { describe, expect, it } from "vitest";
import { RETRY, backoffMs } from "@/lib/outbox/backoff.ts";
import { UNKNOWN_ID, afterPartial, afterReadBack, afterRetryable, afterSuccess } from "@/lib/outbox/transitions.ts";
import type { Command } from "@/lib/outbox/types.ts";

// The outbox's state machine, pure: every read-back outcome per kind, success per step, retry and
// give-up (docs/firstpromoter-sync.md).

const now = new Date("2026-03-01T00:00:00Z");
const command = (c: Partial<Command> = {}): Command => ({
  id: 1n,
  fulfilmentId: 10n,
  kind: "mark_fulfilled",
  state: "in_flight",
  step: "read_back",
  solo: false,
  payoutRequested: false,
  readBackFor: "mark_fulfilled",
  batchId: null,
  attempts: 1,
  triedMs: 0n,
  clockSince: now,
  lastError: null,
  ...c,
});
const ctx = { now, random: () => 0.5 };

describe("afterReadBack: mark_fulfilled", () => {
  it.each([
    ["fulfilled → confirmed", { status: "approved", fulfilled: true }, {}, { state: "confirmed", result: "fulfilled", fpOutcome: "fulfilled" }],
    ["denied → cancelled, denied in FirstPromoter (terminal, not failed)", { status: "denied", fulfilled: false }, {}, { state: "cancelled", result: "denied_in_firstpromoter", fpOutcome: "denied" }],
    ["pending → approve first", { status: "pending", fulfilled: false }, {}, { state: "in_flight", step: "approve" }],
    ["approved, not fulfilled, sent with others → sent again alone", { status: "approved", fulfilled: false }, {}, { state: "in_flight", step: "mark_fulfilled", solo: true }],
    ["approved, not fulfilled, refused alone → no payout: generate_payouts", { status: "approved", fulfilled: false }, { solo: true }, { step: "generate_payouts" }],
    ["after approve → waits, then marks", { status: "approved", fulfilled: false }, { readBackFor: "approve" as const }, { state: "waiting", step: "mark_fulfilled" }],
    ["refused alone after a payout was generated → retried with backoff", { status: "approved", fulfilled: false }, { solo: true, payoutRequested: true }, { state: "in_flight", step: "mark_fulfilled", lastError: expect.stringMatching(/has a payout/) }],
  ] as const)("%s", (_name, seen, cmd, expected) => {
    expect(afterReadBack(command(cmd), seen, ctx)).toMatchObject(expected);
  });

  it("an id missing from the answer fails: FirstPromoter does not know this id", () => {
    expect(afterReadBack(command(), null, ctx)).toMatchObject({ state: "failed", lastError: UNKNOWN_ID, result: "unknown_id" });
  });
});

describe("afterReadBack: deny and mark_unfulfilled", () => {
  it("deny: denied → confirmed; still approved → retried; fulfilled → failed with the reason", () => {
    const deny = command({ kind: "deny", readBackFor: "deny" });
    expect(afterReadBack(deny, { status: "denied", fulfilled: false }, ctx)).toMatchObject({ state: "confirmed", result: "denied" });
    expect(afterReadBack(deny, { status: "approved", fulfilled: false }, ctx)).toMatchObject({ state: "in_flight", step: "deny" });
    expect(afterReadBack(deny, { status: "approved", fulfilled: true }, ctx)).toMatchObject({ state: "failed", result: "fulfilled_in_firstpromoter" });
  });
  it("mark_unfulfilled: not fulfilled → confirmed and back to review; still fulfilled → retried", () => {
    const un = command({ kind: "mark_unfulfilled", readBackFor: "mark_unfulfilled" });
    expect(afterReadBack(un, { status: "approved", fulfilled: false }, ctx)).toMatchObject({ state: "confirmed", reopenReview: true });
    expect(afterReadBack(un, { status: "approved", fulfilled: true }, ctx)).toMatchObject({ state: "in_flight", step: "mark_unfulfilled" });
  });
});

describe("success, partial, retry", () => {
  it("each step's success", () => {
    expect(afterSuccess(command({ step: "approve" }))).toMatchObject({ state: "waiting", step: "mark_fulfilled", clock: "stop" });
    expect(afterSuccess(command({ step: "generate_payouts" }))).toMatchObject({ state: "waiting", step: "mark_fulfilled", solo: true, payoutRequested: true });
    expect(afterSuccess(command({ step: "mark_fulfilled" }))).toMatchObject({ state: "confirmed", fpOutcome: "fulfilled" });
    expect(afterSuccess(command({ kind: "deny", step: "deny" }))).toMatchObject({ state: "confirmed", fpOutcome: "denied" });
  });
  it("anything short of a complete success reads the ids back", () => {
    expect(afterPartial(command({ step: "mark_fulfilled" }), "1 failed")).toMatchObject({ step: "read_back", readBackFor: "mark_fulfilled", dueInMs: 0 });
  });
  it("backs off 30 s doubling to 1 h, honours Retry-After, and gives up after 3 days of trying", () => {
    expect(backoffMs(1, { random: () => 0.5 })).toBe(30_000);
    expect(backoffMs(2, { random: () => 0.5 })).toBe(60_000);
    expect(backoffMs(30, { random: () => 1 })).toBe(RETRY.capMs);
    expect(backoffMs(1, { random: () => 0.5, retryAfterMs: 90_000 })).toBe(90_000);
    const fresh = afterRetryable(command({ attempts: 3 }), "500", ctx);
    expect(fresh).toMatchObject({ state: "in_flight", dueInMs: 120_000 });
    const old = afterRetryable(command({ triedMs: BigInt(RETRY.giveUpMs - 1000), clockSince: new Date(now.getTime() - 2000) }), "500", ctx);
    expect(old).toMatchObject({ state: "failed", result: "gave_up" });
  });
});
