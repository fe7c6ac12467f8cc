// Where a fulfilment stands with FirstPromoter, from what Ledger stored (shown on every row of the
// review queue and on its detail page, with what the admin should do). FirstPromoter re-sends a
// pending fulfilment (up to 7 times a day) until it gets a 200, and marks it has_issues when it gives up.

/** `todo`: the admin's next step in FirstPromoter in a few words, when there is one (the queue's rows show it; `advice` says why). */
export type SyncState =
  | { kind: "awaiting_review"; label: string; advice: string }
  | { kind: "waiting_for_resend"; label: string; advice: string }
  | { kind: "confirmed"; label: string; at: Date; advice: string }
  | { kind: "stopped"; label: string; advice: string; todo: string }
  | { kind: "declined"; label: string; advice: string; todo: string };

export type SyncInput = {
  reviewStatus: "pending" | "approved" | "held" | "rejected";
  confirmedAt: Date | null;
  lastDeliveryAt: Date;
  hasIssues: boolean;
};

export const RESEND_SILENCE_MS = 24 * 60 * 60 * 1000;

export function syncState(f: SyncInput, now = new Date()): SyncState {
  if (f.reviewStatus === "approved" && f.confirmedAt) {
    return { kind: "confirmed", label: "Confirmed", at: f.confirmedAt, advice: "Ledger answered 200; FirstPromoter marked it fulfilled." };
  }
  // Rejected ones are settled in FirstPromoter whether or not it still re-sends them.
  if (f.reviewStatus === "rejected") {
    return {
      kind: "declined",
      label: "Rejected in Ledger",
      advice: "Ledger keeps answering 202; cancel or deny the reward in FirstPromoter so it stops re-sending.",
      todo: "Deny it in FirstPromoter",
    };
  }
  const silent = now.getTime() - f.lastDeliveryAt.getTime() > RESEND_SILENCE_MS;
  if (f.hasIssues || silent) {
    const why = f.hasIssues ? "FirstPromoter flagged it has_issues" : "FirstPromoter has not re-sent it for over a day";
    return {
      kind: "stopped",
      label: "FirstPromoter stopped re-sending",
      advice:
        f.reviewStatus === "approved"
          ? `Approved, but ${why}, so no 200 reached it: mark it fulfilled in FirstPromoter (Rewards → Fulfilments) yourself.`
          : `${why}, so a decision here will not reach it: review it here, then mark it fulfilled or deny it in FirstPromoter (Rewards → Fulfilments).`,
      todo: f.reviewStatus === "approved" ? "Mark it fulfilled in FirstPromoter" : "Decide here, then settle it in FirstPromoter",
    };
  }
  switch (f.reviewStatus) {
    case "approved":
      return { kind: "waiting_for_resend", label: "Approved, awaiting re-send", advice: "The next delivery is answered 200 and FirstPromoter marks it fulfilled." };
    case "held":
      return { kind: "awaiting_review", label: "Held", advice: "FirstPromoter keeps re-sending it (202) until it is approved here." };
    default:
      return { kind: "awaiting_review", label: "Awaiting review", advice: "FirstPromoter keeps re-sending it (202) until it is approved here." };
  }
}
