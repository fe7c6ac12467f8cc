import { describe, expect, it } from "vitest";
import { syncState } from "@/lib/fulfilments/sync-state.ts";

const now = new Date("2026-01-10T12:00:00Z");
const recent = new Date("2026-01-10T08:00:00Z");
const old = new Date("2026-01-08T08:00:00Z");

describe("syncState", () => {
  it.each([
    [{ reviewStatus: "pending", confirmedAt: null, lastDeliveryAt: recent, hasIssues: false }, "awaiting_review"],
    [{ reviewStatus: "held", confirmedAt: null, lastDeliveryAt: recent, hasIssues: false }, "awaiting_review"],
    [{ reviewStatus: "approved", confirmedAt: null, lastDeliveryAt: recent, hasIssues: false }, "waiting_for_resend"],
    [{ reviewStatus: "approved", confirmedAt: recent, lastDeliveryAt: recent, hasIssues: false }, "confirmed"],
    [{ reviewStatus: "approved", confirmedAt: recent, lastDeliveryAt: old, hasIssues: true }, "confirmed"],
    [{ reviewStatus: "approved", confirmedAt: null, lastDeliveryAt: old, hasIssues: false }, "stopped"],
    [{ reviewStatus: "pending", confirmedAt: null, lastDeliveryAt: recent, hasIssues: true }, "stopped"],
    [{ reviewStatus: "rejected", confirmedAt: null, lastDeliveryAt: recent, hasIssues: false }, "declined"],
  ] as const)("%o → %s", (input, kind) => {
    expect(syncState(input, now).kind).toBe(kind);
  });
  it("tells the admin what to do in FirstPromoter when it stopped re-sending after approval", () => {
    expect(syncState({ reviewStatus: "approved", confirmedAt: null, lastDeliveryAt: old, hasIssues: false }, now).advice).toMatch(/mark it fulfilled in FirstPromoter/);
  });
});
