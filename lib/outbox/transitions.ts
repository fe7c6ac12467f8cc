import { type RetryPolicy, RETRY, backoffMs, triedMs } from "./backoff.ts";
import type { Command, CommandState, Step } from "./types.ts";

// What a command does next after each answer FirstPromoter can give: the outbox's state machine as
// pure functions (docs/firstpromoter-sync.md has the table; tests/unit/outbox/transitions.test.ts
// walks it). record-outcomes.ts writes a Transition as one guarded UPDATE.

/** After an approval or a payout was created, FirstPromoter needs a moment before the next step. */
export const STEP_WAIT_MS = 3_000;
/** How often a batch process (a 202 answer) is polled. */
export const POLL_MS = 2_000;

export type Transition = {
  state: CommandState;
  step?: Step;
  solo?: boolean;
  payoutRequested?: boolean;
  readBackFor?: Step | null;
  batchId?: bigint | null;
  /** Due again this long from now (open states). */
  dueInMs?: number;
  /** "run": the time until the next try counts toward the give-up limit; "stop": it does not (waiting, ended). */
  clock: "run" | "stop";
  /** Replaces the last error (null clears it; absent keeps it). */
  lastError?: string | null;
  /** How it ended (terminal states). */
  result?: string;
  /** What FirstPromoter showed of the commission, for the fulfilment's outcome column (null: neither fulfilled nor denied). */
  fpOutcome?: "fulfilled" | "denied" | null;
  /** The fulfilment goes back to awaiting review (its unfulfil was confirmed). */
  reopenReview?: boolean;
  /** The audit row, when the change is worth one: action and what to record. */
  audit?: { action: string; detail: Record<string, unknown> };
};

/** What a read-back found for one id: its status and whether it is fulfilled; null when FirstPromoter did not list it. */
export type Seen = { status: "pending" | "approved" | "denied"; fulfilled: boolean } | null;

type Ctx = { now: Date; policy?: RetryPolicy; random?: () => number };

export const UNKNOWN_ID = "FirstPromoter does not know this id";

/** The step completed with nothing failed (a 200, or a polled batch process that completed). */
export function afterSuccess(cmd: Command): Transition {
  const audit = { action: "firstpromoter.answer", detail: { step: cmd.step, answer: "completed" } };
  switch (cmd.step) {
    case "approve":
      return { state: "waiting", step: "mark_fulfilled", batchId: null, dueInMs: STEP_WAIT_MS, clock: "stop", lastError: null, audit };
    case "generate_payouts":
      return { state: "waiting", step: "mark_fulfilled", solo: true, payoutRequested: true, batchId: null, dueInMs: STEP_WAIT_MS, clock: "stop", lastError: null, audit };
    case "mark_fulfilled":
      return { state: "confirmed", clock: "stop", batchId: null, lastError: null, result: "fulfilled", fpOutcome: "fulfilled", audit };
    case "deny":
      return { state: "confirmed", clock: "stop", batchId: null, lastError: null, result: "denied", fpOutcome: "denied", audit };
    case "mark_unfulfilled":
      return { state: "confirmed", clock: "stop", batchId: null, lastError: null, result: "unfulfilled", fpOutcome: null, reopenReview: true, audit };
    case "read_back":
      throw new Error("a read-back is settled by afterReadBack");
  }
}

/** 202: FirstPromoter runs it as a batch process; poll it. */
export function afterAccepted(cmd: Command, batchId: bigint): Transition {
  return { state: "in_flight", batchId, dueInMs: POLL_MS, clock: "run", audit: { action: "firstpromoter.answer", detail: { step: cmd.step, answer: "accepted", batch_id: batchId.toString() } } };
}

/** The batch process is still pending or in progress. */
export function afterBatchPending(_cmd: Command): Transition {
  return { state: "in_flight", dueInMs: POLL_MS, clock: "run" };
}

/**
 * Anything short of "completed with failed_count 0" (a refusal, failures in the batch, a stopped
 * batch, an unreadable answer): FirstPromoter's errors are not keyed by id, so read the ids back.
 */
export function afterPartial(cmd: Command, why: string): Transition {
  return {
    state: "in_flight",
    step: "read_back",
    readBackFor: cmd.step,
    batchId: null,
    dueInMs: 0,
    clock: "run",
    audit: { action: "firstpromoter.answer", detail: { step: cmd.step, answer: "partial", why } },
  };
}

/** A network error, a time-out, a 5xx or a 429: back off and try again, until the give-up limit. */
export function afterRetryable(cmd: Command, error: string, ctx: Ctx & { retryAfterMs?: number | null }): Transition {
  return retryOrFail(cmd, error, ctx);
}

function retryOrFail(cmd: Command, error: string, ctx: Ctx & { retryAfterMs?: number | null }, extra: Partial<Transition> = {}): Transition {
  const policy = ctx.policy ?? RETRY;
  if (triedMs(cmd, ctx.now) >= policy.giveUpMs) {
    return { state: "failed", clock: "stop", lastError: error, result: "gave_up", batchId: null, audit: { action: "firstpromoter.failed", detail: { step: cmd.step, error, attempts: cmd.attempts } } };
  }
  const wait = backoffMs(Math.max(1, cmd.attempts), { policy, random: ctx.random, retryAfterMs: ctx.retryAfterMs });
  return {
    state: "in_flight",
    dueInMs: wait,
    clock: "run",
    lastError: error,
    ...extra,
    audit: { action: "firstpromoter.retry_scheduled", detail: { step: cmd.step, error, attempt: cmd.attempts, retry_in_s: Math.round(wait / 1000) } },
  };
}

/** Settles one id by what FirstPromoter showed of it, by the command's kind. */
export function afterReadBack(cmd: Command, seen: Seen, ctx: Ctx): Transition {
  const sent = cmd.readBackFor ?? cmd.kind;
  const detail = { step: sent, read_back: seen ? `${seen.status}${seen.fulfilled ? ", fulfilled" : ""}` : "missing" };
  const audit = (action = "firstpromoter.read_back") => ({ action, detail });
  if (seen === null) {
    return { state: "failed", clock: "stop", lastError: UNKNOWN_ID, result: "unknown_id", batchId: null, audit: audit("firstpromoter.failed") };
  }
  const fpOutcome = seen.fulfilled ? "fulfilled" : seen.status === "denied" ? "denied" : null;
  const base = { batchId: null, readBackFor: null, fpOutcome } as const;
  switch (cmd.kind) {
    case "mark_fulfilled": {
      if (seen.fulfilled) return { ...base, state: "confirmed", clock: "stop", lastError: null, result: "fulfilled", audit: audit() };
      if (seen.status === "denied") {
        // FirstPromoter's word is final: Ledger never approves over a denial.
        return { ...base, state: "cancelled", clock: "stop", result: "denied_in_firstpromoter", lastError: null, audit: audit() };
      }
      if (seen.status === "pending") return { ...base, state: "in_flight", step: "approve", dueInMs: 0, clock: "run", audit: audit() };
      // Approved, not fulfilled.
      if (sent === "approve" || sent === "generate_payouts") {
        return { ...base, state: "waiting", step: "mark_fulfilled", solo: sent === "generate_payouts" || cmd.solo, dueInMs: STEP_WAIT_MS, clock: "stop", audit: audit() };
      }
      // A refusal in a call of several ids may be another id's: send it alone first. Alone and
      // refused, it has no payout record yet; after generate_payouts a refusal is an error.
      if (!cmd.solo) return { ...base, state: "in_flight", step: "mark_fulfilled", solo: true, dueInMs: 0, clock: "run", audit: audit() };
      if (!cmd.payoutRequested) return { ...base, state: "in_flight", step: "generate_payouts", dueInMs: 0, clock: "run", audit: audit() };
      return retryOrFail(cmd, "FirstPromoter refused to fulfil it although it is approved and has a payout", ctx, { ...base, step: "mark_fulfilled" });
    }
    case "deny": {
      if (seen.status === "denied") return { ...base, state: "confirmed", clock: "stop", lastError: null, result: "denied", audit: audit() };
      if (seen.fulfilled) {
        return { ...base, state: "failed", clock: "stop", lastError: "It is fulfilled in FirstPromoter, which cannot deny a fulfilled commission", result: "fulfilled_in_firstpromoter", audit: audit("firstpromoter.failed") };
      }
      return retryOrFail(cmd, `FirstPromoter did not deny it (it shows ${seen.status})`, ctx, { ...base, step: "deny" });
    }
    case "mark_unfulfilled": {
      if (!seen.fulfilled) return { ...base, state: "confirmed", clock: "stop", lastError: null, result: "unfulfilled", reopenReview: true, audit: audit() };
      return retryOrFail(cmd, "FirstPromoter still shows it fulfilled", ctx, { ...base, step: "mark_unfulfilled" });
    }
  }
}
