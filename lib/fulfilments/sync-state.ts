// Where a fulfilment stands with FirstPromoter, from facts only: Ledger's review, the fulfilment's
// current outbox command, FirstPromoter's own outcome (from webhooks and read-backs) and whether the
// API key is being refused. deriveSyncState() is what gets stored (fulfilment.sync_state, written with
// every change to those facts, so the queue can filter by it); describeSyncState() turns the stored
// state and the command's details into what the queue shows: a label, one line of explanation, and
// the admin's next step when there is one. Client-safe (pure).

import type { CommandKind, CommandState } from "@/lib/outbox/types.ts";

export const SYNC_STATES = [
  "awaiting_review",
  "held",
  "sending",
  "sent",
  "retrying",
  "waiting",
  "not_connected",
  "paused",
  "confirmed",
  "answered_200",
  "failed",
  "unfulfil_scheduled",
  "unfulfil_sent",
  "unfulfil_confirmed",
  "unfulfil_failed",
  "deny_scheduled",
  "deny_sent",
  "deny_confirmed",
  "deny_failed",
  "fp_fulfilled",
  "fp_denied",
  "settled",
] as const;
export type SyncStateKind = (typeof SYNC_STATES)[number];

/** Short names for the filter menu (describeSyncState's labels can depend on the command). */
export const SYNC_LABELS: Record<SyncStateKind, string> = {
  awaiting_review: "Awaiting review",
  held: "Held",
  sending: "Approved — sending soon",
  sent: "Sent",
  retrying: "Retrying",
  waiting: "Waiting for FirstPromoter",
  not_connected: "API not connected",
  paused: "Paused: key refused",
  confirmed: "Confirmed by FirstPromoter",
  answered_200: "Answered 200",
  failed: "Failed",
  unfulfil_scheduled: "Unfulfil scheduled",
  unfulfil_sent: "Unfulfil sent",
  unfulfil_confirmed: "Unfulfilled in FirstPromoter",
  unfulfil_failed: "Unfulfil failed",
  deny_scheduled: "Deny scheduled",
  deny_sent: "Deny sent",
  deny_confirmed: "Rejected — denied in FirstPromoter",
  deny_failed: "Deny failed",
  fp_fulfilled: "Fulfilled in FirstPromoter",
  fp_denied: "Denied in FirstPromoter",
  settled: "Settled in FirstPromoter",
};

/** States a list keeps refreshing for: something is on its way. */
export const TRANSIENT_SYNC_STATES: readonly SyncStateKind[] = ["sending", "sent", "retrying", "waiting", "unfulfil_scheduled", "unfulfil_sent", "deny_scheduled", "deny_sent"];

export type ReviewStatus = "pending" | "approved" | "held" | "rejected";

export type SyncFacts = {
  reviewStatus: ReviewStatus;
  /** FirstPromoter's outcome: fulfilled, denied, deleted (null: none known). */
  fpOutcome: string | null;
  answered200At: Date | null;
  /** The fulfilment's current (newest, not queued) command. */
  command: { kind: CommandKind; state: CommandState; lastError: string | null; settledAt: Date | null } | null;
  /** FirstPromoter refuses the API key: every open command waits. */
  paused: boolean;
};

const BY_KIND = {
  mark_fulfilled: { scheduled: "sending", sent: "sent", confirmed: "confirmed", failed: "failed" },
  deny: { scheduled: "deny_scheduled", sent: "deny_sent", confirmed: "deny_confirmed", failed: "deny_failed" },
  mark_unfulfilled: { scheduled: "unfulfil_scheduled", sent: "unfulfil_sent", confirmed: "unfulfil_confirmed", failed: "unfulfil_failed" },
} as const satisfies Record<CommandKind, Record<string, SyncStateKind>>;

/** The stored sync state. FirstPromoter's own denial ranks first: Ledger never approves over it. */
export function deriveSyncState(f: SyncFacts): SyncStateKind {
  const c = f.command;
  // Denied or deleted in FirstPromoter (a v2 commission can be): it can no longer be fulfilled.
  if ((f.fpOutcome === "denied" || f.fpOutcome === "deleted") && c?.kind !== "deny") return "fp_denied";
  if (c && c.state !== "cancelled") {
    const names = BY_KIND[c.kind];
    switch (c.state) {
      case "failed":
        return c.settledAt ? "settled" : names.failed;
      case "confirmed":
        return names.confirmed;
      case "not_connected":
        return c.kind === "mark_fulfilled" && f.answered200At ? "answered_200" : "not_connected";
      case "queued":
        break; // never a current command; fall through to the review
      default:
        if (f.paused) return "paused";
        if (c.state === "scheduled") return names.scheduled;
        if (c.kind !== "mark_fulfilled") return names.sent;
        if (c.state === "waiting") return "waiting";
        return c.lastError ? "retrying" : "sent";
    }
  }
  if (f.fpOutcome === "fulfilled") return "fp_fulfilled";
  switch (f.reviewStatus) {
    case "approved":
      return f.answered200At ? "answered_200" : "not_connected";
    case "rejected":
      return "not_connected";
    case "held":
      return "held";
    default:
      return "awaiting_review";
  }
}

/** What describeSyncState reads: the stored state, the fulfilment's times and its current command. */
export type SyncView = {
  syncState: SyncStateKind;
  reviewStatus: ReviewStatus;
  /** Which format brought it: v2 has no webhook answer that fulfils (only the API does). Default v1. */
  format?: string;
  /** FirstPromoter's outcome (fulfilled, denied, deleted). */
  fpOutcome?: string | null;
  undoUntil: Date | null;
  answered200At: Date | null;
  fpOutcomeAt: Date | null;
  command: {
    id: string;
    kind: CommandKind;
    state: CommandState;
    attempts: number;
    dueAt: Date | null;
    lastError: string | null;
    lastSentAt: Date | null;
    batchId: string | null;
    finishedAt: Date | null;
    settledAt: Date | null;
    settledBy: string | null;
  } | null;
};

export type SyncTone = "muted" | "progress" | "success" | "warning" | "danger";

export type SyncDescription = {
  kind: SyncStateKind;
  label: string;
  /** One line: what is true now, and what happens next. */
  advice: string;
  /** The admin's next step, in a few words, when there is one. */
  todo?: string;
  tone: SyncTone;
  /** The time the label refers to (sent, confirmed, answered, failed…). */
  at?: Date | null;
  /** Until when Undo works (sending / deny scheduled). */
  undoUntil?: Date | null;
  /** The admin may retry or mark it settled (a failed command). */
  canRetry?: boolean;
  /** Mark unfulfilled is offered (an approval that can no longer be undone). */
  canUnfulfil?: boolean;
};

const SETTINGS = "Connect FirstPromoter's API in Settings";
const V2_ONLY_API = "It came from a v2 webhook, and only FirstPromoter's API fulfils those (no answer to a v2 webhook does):";

export function describeSyncState(v: SyncView, now = new Date()): SyncDescription {
  const c = v.command;
  const undoable = v.undoUntil !== null && v.undoUntil > now && (c?.attempts ?? 0) === 0;
  const attempt = c && c.attempts > 0 ? ` (attempt ${c.attempts})` : "";
  const error = c?.lastError ? ` Last error: ${c.lastError}` : "";
  switch (v.syncState) {
    case "awaiting_review":
      return v.format === "v2"
        ? { kind: v.syncState, label: "Awaiting review", tone: "muted", advice: "An approved commission in a non-monetary unit: FirstPromoter waits for it to be marked fulfilled. Approving sends that through FirstPromoter's API." }
        : { kind: v.syncState, label: "Awaiting review", tone: "muted", advice: "FirstPromoter keeps it pending (Ledger answers 202). Approving sends it to FirstPromoter's API to be marked fulfilled." };
    case "held":
      return { kind: v.syncState, label: "Held", tone: "muted", advice: "Kept pending in FirstPromoter (202); nothing is sent until it is approved or rejected here." };
    case "sending":
      return undoable
        ? { kind: v.syncState, label: "Approved — sending soon", tone: "progress", undoUntil: v.undoUntil, advice: "Ledger tells FirstPromoter to mark it fulfilled once the undo window ends; until then Undo puts it back as it was." }
        : { kind: v.syncState, label: "Approved — sending now", tone: "progress", advice: "The undo window has ended; the next send to FirstPromoter is on its way." };
    case "sent":
      return {
        kind: v.syncState,
        label: c?.batchId ? `Sent (batch ${c.batchId})` : "Sent",
        tone: "progress",
        at: c?.lastSentAt,
        canUnfulfil: true,
        advice: c?.batchId ? `FirstPromoter accepted it and is processing batch ${c.batchId}; Ledger checks on it.` : "Sent to FirstPromoter; waiting for its answer.",
      };
    case "retrying":
      return { kind: v.syncState, label: `Retrying${attempt}`, tone: "warning", at: c?.dueAt, canUnfulfil: true, advice: `FirstPromoter did not take it yet; Ledger tries again at the time shown, for up to 3 days.${error}` };
    case "waiting":
      return { kind: v.syncState, label: "Waiting for FirstPromoter", tone: "progress", canUnfulfil: true, advice: "FirstPromoter is approving it or creating its payout; Ledger marks it fulfilled next." };
    case "not_connected":
      return c?.kind === "deny" || v.reviewStatus === "rejected"
        ? { kind: v.syncState, label: "Rejected — API not connected", tone: "warning", todo: "Deny it in FirstPromoter", advice: "No FirstPromoter API key is set, so nothing is sent: deny the commission in FirstPromoter yourself, or connect the API (Settings) to have Ledger do it." }
        : v.format === "v2"
          ? { kind: v.syncState, label: "Approved — API not connected", tone: "warning", todo: SETTINGS, advice: `No FirstPromoter API key is set, so nothing is sent. ${V2_ONLY_API} connect the API in Settings, or mark it fulfilled in FirstPromoter yourself.` }
          : {
              kind: v.syncState,
              label: "Approved — API not connected",
              tone: "warning",
              todo: SETTINGS,
              advice: "No FirstPromoter API key is set, so nothing is sent. FirstPromoter marks it fulfilled only if it sends it again and gets 200, which it may never do: connect the API in Settings.",
            };
    case "paused":
      return { kind: v.syncState, label: "Paused: API key refused", tone: "danger", todo: "Check the key in Settings", advice: "FirstPromoter refused the API key (401/403). Every send waits until a call succeeds again; fix FIRSTPROMOTER_API_KEY and use Test connection in Settings." };
    case "confirmed":
      return { kind: v.syncState, label: "Confirmed by FirstPromoter", tone: "success", at: c?.finishedAt ?? v.fpOutcomeAt, canUnfulfil: true, advice: "FirstPromoter's API shows it fulfilled." };
    case "answered_200":
      return {
        kind: v.syncState,
        label: "Answered 200",
        tone: "success",
        at: v.answered200At,
        canUnfulfil: true,
        advice: "Ledger answered a delivery of it with 200, which tells FirstPromoter to mark it fulfilled; FirstPromoter's API has not confirmed it.",
      };
    case "failed":
      return { kind: v.syncState, label: "Failed", tone: "danger", at: c?.finishedAt, canRetry: true, todo: "Retry, or settle it in FirstPromoter", advice: `Ledger stopped trying.${error || " FirstPromoter did not take it."} Retry it, or fulfil it in FirstPromoter and mark it settled here.` };
    case "unfulfil_scheduled":
      return { kind: v.syncState, label: "Unfulfil scheduled", tone: "progress", undoUntil: undoable ? v.undoUntil : null, advice: "Ledger will ask FirstPromoter to mark it unfulfilled; once it confirms, the fulfilment awaits review again." };
    case "unfulfil_sent":
      return { kind: v.syncState, label: `Unfulfil sent${attempt}`, tone: "progress", at: c?.lastSentAt, advice: `Waiting for FirstPromoter to confirm it unfulfilled.${error}` };
    case "unfulfil_confirmed":
      return { kind: v.syncState, label: "Unfulfilled in FirstPromoter", tone: "muted", at: c?.finishedAt, advice: "FirstPromoter confirmed it unfulfilled; it awaits review here again." };
    case "unfulfil_failed":
      return { kind: v.syncState, label: "Unfulfil failed", tone: "danger", at: c?.finishedAt, canRetry: true, todo: "Retry, or unfulfil it in FirstPromoter", advice: `Ledger stopped trying to unfulfil it.${error} Retry, or mark it unfulfilled in FirstPromoter and settle it here.` };
    case "deny_scheduled":
      return { kind: v.syncState, label: "Rejected — deny scheduled", tone: "progress", undoUntil: undoable ? v.undoUntil : null, advice: "Ledger tells FirstPromoter to deny the commission once the undo window ends." };
    case "deny_sent":
      return { kind: v.syncState, label: `Rejected — deny sent${attempt}`, tone: "progress", at: c?.lastSentAt, advice: `Waiting for FirstPromoter to confirm the denial. To reverse a rejection, change it in FirstPromoter.${error}` };
    case "deny_confirmed":
      return { kind: v.syncState, label: "Rejected — denied in FirstPromoter", tone: "muted", at: c?.finishedAt, advice: "FirstPromoter confirmed the denial Ledger sent. To reverse it, change it in FirstPromoter." };
    case "deny_failed":
      return { kind: v.syncState, label: "Rejected — deny failed", tone: "danger", at: c?.finishedAt, canRetry: true, todo: "Retry, or deny it in FirstPromoter", advice: `Ledger stopped trying to deny it.${error} Retry, or deny it in FirstPromoter and mark it settled here.` };
    case "fp_fulfilled":
      return { kind: v.syncState, label: "Fulfilled in FirstPromoter", tone: "success", at: v.fpOutcomeAt, advice: "FirstPromoter shows it fulfilled already; Ledger has nothing to send." };
    case "fp_denied":
      return v.fpOutcome === "deleted"
        ? { kind: v.syncState, label: "Deleted in FirstPromoter", tone: "warning", at: v.fpOutcomeAt, advice: "FirstPromoter deleted this commission; there is nothing left to fulfil." }
        : { kind: v.syncState, label: "Denied in FirstPromoter", tone: "warning", at: v.fpOutcomeAt, advice: "FirstPromoter denied this commission; Ledger will not approve it over that." };
    case "settled":
      return { kind: v.syncState, label: "Settled in FirstPromoter", tone: "muted", at: c?.settledAt, advice: `${c?.settledBy ?? "An admin"} handled it in FirstPromoter's dashboard after Ledger's sends failed.` };
  }
}
