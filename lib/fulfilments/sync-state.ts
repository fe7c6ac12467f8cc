// Where a fulfilment stands with FirstPromoter, from what Ledger stored. FirstPromoter re-sends a
// pending fulfilment (up to 7 times a day) until it gets a 200, and marks it has_issues when it gives up.

export type SyncState =
  | { kind: "awaiting_review"; label: string; advice: string }
  | { kind: "waiting_for_resend"; label: string; advice: string }
  | { kind: "confirmed"; label: string; at: Date; advice: string }
  | { kind: "stopped"; label: string; advice: string }
  | { kind: "declined"; label: string; advice: string };

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
  const silent = now.getTime() - f.lastDeliveryAt.getTime() > RESEND_SILENCE_MS;
  if (f.hasIssues || silent) {
    const why = f.hasIssues ? "FirstPromoter flagged it has_issues" : "no delivery for over a day";
    return {
      kind: "stopped",
      label: "FirstPromoter stopped re-sending",
      advice:
        f.reviewStatus === "approved"
          ? `Approved, but ${why}: mark it fulfilled in FirstPromoter (Rewards → Fulfilments) yourself.`
          : `${why}: resolve it in FirstPromoter (Rewards → Fulfilments), then review it here.`,
    };
  }
  switch (f.reviewStatus) {
    case "approved":
      return { kind: "waiting_for_resend", label: "Approved, waiting for the next re-send", advice: "The next delivery is answered 200 and FirstPromoter marks it fulfilled." };
    case "rejected":
      return { kind: "declined", label: "Rejected in Ledger", advice: "Ledger keeps answering 202; cancel or deny the reward in FirstPromoter." };
    case "held":
      return { kind: "awaiting_review", label: "Held", advice: "FirstPromoter keeps re-sending it (202) until it is approved here." };
    default:
      return { kind: "awaiting_review", label: "Awaiting review", advice: "FirstPromoter keeps re-sending it (202) until it is approved here." };
  }
}
