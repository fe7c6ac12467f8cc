import { describe, expect, it } from "vitest";
import { type SyncFacts, SYNC_STATES, SYNC_LABELS, deriveSyncState, describeSyncState } from "@/lib/fulfilments/sync-state.ts";

// The sync state is derived from facts only; each row is one rule of docs/firstpromoter-sync.md.

const at = new Date("2026-01-10T12:00:00Z");
const facts = (f: Partial<SyncFacts>): SyncFacts => ({ reviewStatus: "pending", fpOutcome: null, answered200At: null, command: null, paused: false, ...f });
const cmd = (kind: "mark_fulfilled" | "deny" | "mark_unfulfilled", state: NonNullable<SyncFacts["command"]>["state"], extra: { lastError?: string; settledAt?: Date } = {}) => ({
  kind,
  state,
  lastError: extra.lastError ?? null,
  settledAt: extra.settledAt ?? null,
});

describe("deriveSyncState", () => {
  it.each([
    [facts({}), "awaiting_review"],
    [facts({ reviewStatus: "held" }), "held"],
    [facts({ reviewStatus: "approved", command: cmd("mark_fulfilled", "scheduled") }), "sending"],
    [facts({ reviewStatus: "approved", command: cmd("mark_fulfilled", "in_flight") }), "sent"],
    [facts({ reviewStatus: "approved", command: cmd("mark_fulfilled", "in_flight", { lastError: "500" }) }), "retrying"],
    [facts({ reviewStatus: "approved", command: cmd("mark_fulfilled", "waiting") }), "waiting"],
    [facts({ reviewStatus: "approved", command: cmd("mark_fulfilled", "not_connected") }), "not_connected"],
    [facts({ reviewStatus: "approved", command: cmd("mark_fulfilled", "not_connected"), answered200At: at }), "answered_200"],
    [facts({ reviewStatus: "approved", command: cmd("mark_fulfilled", "in_flight"), paused: true }), "paused"],
    [facts({ reviewStatus: "approved", command: cmd("mark_fulfilled", "not_connected"), paused: true }), "not_connected"],
    [facts({ reviewStatus: "approved", command: cmd("mark_fulfilled", "confirmed"), answered200At: at }), "confirmed"],
    [facts({ reviewStatus: "approved", command: cmd("mark_fulfilled", "failed") }), "failed"],
    [facts({ reviewStatus: "approved", command: cmd("mark_fulfilled", "failed", { settledAt: at }) }), "settled"],
    [facts({ reviewStatus: "approved", command: cmd("mark_unfulfilled", "scheduled") }), "unfulfil_scheduled"],
    [facts({ reviewStatus: "approved", command: cmd("mark_unfulfilled", "in_flight", { lastError: "x" }) }), "unfulfil_sent"],
    [facts({ reviewStatus: "pending", command: cmd("mark_unfulfilled", "confirmed") }), "unfulfil_confirmed"],
    [facts({ reviewStatus: "approved", command: cmd("mark_unfulfilled", "failed") }), "unfulfil_failed"],
    [facts({ reviewStatus: "rejected", command: cmd("deny", "scheduled") }), "deny_scheduled"],
    [facts({ reviewStatus: "rejected", command: cmd("deny", "waiting") }), "deny_sent"],
    [facts({ reviewStatus: "rejected", command: cmd("deny", "confirmed"), fpOutcome: "denied" }), "deny_confirmed"],
    [facts({ reviewStatus: "rejected", command: cmd("deny", "failed") }), "deny_failed"],
    [facts({ reviewStatus: "pending", fpOutcome: "fulfilled" }), "fp_fulfilled"],
    [facts({ reviewStatus: "approved", fpOutcome: "denied", command: cmd("mark_fulfilled", "cancelled") }), "fp_denied"],
    [facts({ reviewStatus: "pending", fpOutcome: "denied" }), "fp_denied"],
    // An undone approval: the cancelled command no longer speaks for the fulfilment.
    [facts({ reviewStatus: "held", command: cmd("mark_fulfilled", "cancelled") }), "held"],
  ] as const)("%o → %s", (input, kind) => {
    expect(deriveSyncState(input)).toBe(kind);
  });
});

describe("describeSyncState", () => {
  const view = (syncState: (typeof SYNC_STATES)[number], extra: object = {}) => ({
    syncState,
    reviewStatus: "approved" as const,
    undoUntil: null,
    answered200At: null,
    fpOutcomeAt: null,
    command: null,
    ...extra,
  });

  it("describes every state with a label and one line of advice, and names each in the filter menu", () => {
    for (const s of SYNC_STATES) {
      const d = describeSyncState(view(s), at);
      expect(d.label.length, s).toBeGreaterThan(2);
      expect(d.advice.length, s).toBeGreaterThan(20);
      expect(SYNC_LABELS[s], s).toBeTruthy();
      expect(d.advice, s).not.toMatch(/re-sends? .* until/);
    }
  });

  it("offers undo only inside the window and before any attempt", () => {
    const until = new Date(at.getTime() + 20_000);
    expect(describeSyncState(view("sending", { undoUntil: until }), at).undoUntil).toEqual(until);
    expect(describeSyncState(view("sending", { undoUntil: new Date(at.getTime() - 1) }), at).undoUntil).toBeUndefined();
  });

  it("tells a not-connected approval that FirstPromoter may never send it again, and where to connect", () => {
    const d = describeSyncState(view("not_connected"), at);
    expect(d.advice).toMatch(/may never do/);
    expect(d.todo).toMatch(/Settings/);
  });

  it("a failed send offers retry, with FirstPromoter's reason", () => {
    const d = describeSyncState(
      view("failed", { command: { id: "1", kind: "mark_fulfilled", state: "failed", attempts: 9, dueAt: null, lastError: "FirstPromoter does not know this id", lastSentAt: at, batchId: null, finishedAt: at, settledAt: null, settledBy: null } }),
      at,
    );
    expect(d.canRetry).toBe(true);
    expect(d.advice).toContain("FirstPromoter does not know this id");
  });
});
