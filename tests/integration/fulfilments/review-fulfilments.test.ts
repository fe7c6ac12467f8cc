import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/index.ts";
import { AppError } from "@/lib/errors.ts";
import { reviewFulfilments } from "@/lib/fulfilments/review-fulfilments.ts";
import type { ApiConfig } from "@/lib/firstpromoter-api/config.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { one, post, rows, useTestDatabase, variant } from "../webhook/helpers.ts";

// Review transitions against a real database: guarded updates, all-or-nothing bulk, one audit row
// per change in the same transaction, and the webhook answer that follows (approved → 200).

const ctx = useTestDatabase({ max: 5 });
let prisma: PrismaClient;
let closeDb: () => Promise<void>;
const admin = { id: "admin-1", email: "admin@example.com" };
const other = { id: "admin-2", email: "other@example.com" };
let nextId = 5_000_000;
/** No API key and no undo window: the webhook's 200 is the only signal, at once. */
const NO_API: ApiConfig = { url: "http://127.0.0.1:9", key: null, accountId: null, sendDelayMs: 0, budget: { perWindow: 300, windowMs: 60_000 } };

beforeAll(() => {
  const d = getDb({ connectionString: ctx.db.url });
  prisma = d.prisma;
  closeDb = async () => {
    await d.prisma.$disconnect();
    await d.pool.end();
  };
});
afterAll(() => closeDb());

/** Delivers a new pending fulfilment through the webhook; returns its id. */
async function pendingFulfilment(): Promise<string> {
  const id = ++nextId;
  const res = await post(ctx.pool, variant("fulfilment_pending", id + 10_000_000, "2024-10-01T10:00:00Z", (d) => (d.id = id)));
  expect(res.status).toBe(202);
  return String(id);
}

const resend = (id: string, eventId: number) =>
  post(ctx.pool, variant("fulfilment_pending", eventId, "2024-10-02T10:00:00Z", (d) => (d.id = Number(id))));
const status = async (id: string) => (await one(ctx.pool, "SELECT review_status FROM fulfilment WHERE id = $1", [id])).review_status;
const auditRows = (id: string) => rows(ctx.pool, "SELECT action, actor_email, before, after FROM audit_log WHERE target_type = 'fulfilment' AND target_id = $1 ORDER BY id", [id]);

async function refused(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("reviewFulfilments", () => {
  it("approves a pending fulfilment with one audit row and its command; past the undo window its next delivery is answered 200", async () => {
    const id = await pendingFulfilment();
    const done = await reviewFulfilments(prisma, { ids: [id], decision: "approved" }, admin, "10.0.0.1", NO_API);
    expect(done.ids.map(String)).toEqual([id]);
    expect(await status(id)).toBe("approved");
    expect(await auditRows(id)).toEqual([
      {
        action: "fulfilment.approve",
        actor_email: admin.email,
        before: { review_status: "pending" },
        after: { review_status: "approved", amount: "3.0000", unit: "free_months", firstpromoter: "mark_fulfilled waits: API not connected" },
      },
    ]);
    expect(await one(ctx.pool, "SELECT kind, state FROM fp_command WHERE fulfilment_id = $1", [id])).toEqual({ kind: "mark_fulfilled", state: "not_connected" });
    const res = await resend(id, nextId + 20_000_000);
    expect(res.status).toBe(200);
    expect(await one(ctx.pool, "SELECT answered_200_at IS NOT NULL AS answered, sync_state FROM fulfilment WHERE id = $1", [id])).toEqual({ answered: true, sync_state: "answered_200" });
  });

  it("inside the undo window a delivery of an approved fulfilment is still answered 202", async () => {
    const id = await pendingFulfilment();
    await reviewFulfilments(prisma, { ids: [id], decision: "approved" }, admin, null, { ...NO_API, sendDelayMs: 60_000 });
    expect((await resend(id, nextId + 25_000_000)).status).toBe(202);
    expect((await one(ctx.pool, "SELECT answered_200_at FROM fulfilment WHERE id = $1", [id])).answered_200_at).toBeNull();
  });

  it("two admins approving at once change it once: one wins, the other is told it is already approved", async () => {
    const id = await pendingFulfilment();
    const results = await Promise.allSettled([
      reviewFulfilments(prisma, { ids: [id], decision: "approved" }, admin, null, NO_API),
      reviewFulfilments(prisma, { ids: [id], decision: "approved" }, other, null, NO_API),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(AppError);
    expect((loser.reason as AppError).message).toContain(`${id} (already approved)`);
    expect(await auditRows(id)).toHaveLength(1);
    expect(await rows(ctx.pool, "SELECT id FROM fp_command WHERE fulfilment_id = $1", [id])).toHaveLength(1);
  });

  it("bulk is all or nothing and names the ids that blocked it", async () => {
    const a = await pendingFulfilment();
    const b = await pendingFulfilment();
    await reviewFulfilments(prisma, { ids: [b], decision: "rejected", reason: "duplicate payout" }, admin);
    const err = await refused(reviewFulfilments(prisma, { ids: [a, b, "99999999"], decision: "approved" }, admin));
    expect(err.code).toBe("conflict");
    expect(err.message).toContain(`${b} (already rejected)`);
    expect(err.message).toContain("99999999 (not found)");
    expect(await status(a)).toBe("pending");
    expect(await auditRows(a)).toHaveLength(0);
  });

  it("holds with a reason (still 202 to FirstPromoter), then approves from held", async () => {
    const id = await pendingFulfilment();
    expect((await refused(reviewFulfilments(prisma, { ids: [id], decision: "held" }, admin))).field).toBe("reason");
    await reviewFulfilments(prisma, { ids: [id], decision: "held", reason: "waiting for the invoice" }, admin);
    expect((await resend(id, nextId + 30_000_000)).status).toBe(202);
    await reviewFulfilments(prisma, { ids: [id], decision: "approved" }, admin, null, NO_API);
    expect(await status(id)).toBe("approved");
    expect((await auditRows(id)).map((r) => r.action)).toEqual(["fulfilment.hold", "fulfilment.approve"]);
  });

  it("a rejected fulfilment cannot be approved, and stays 202", async () => {
    const id = await pendingFulfilment();
    await reviewFulfilments(prisma, { ids: [id], decision: "rejected", reason: "fraud" }, admin, null, NO_API);
    await refused(reviewFulfilments(prisma, { ids: [id], decision: "approved" }, admin, null, NO_API));
    expect((await resend(id, nextId + 40_000_000)).status).toBe(202);
  });

  it("refuses to approve a commission FirstPromoter denied", async () => {
    const id = await pendingFulfilment();
    await ctx.pool.query("UPDATE fulfilment SET fp_outcome = 'denied' WHERE id = $1", [id]);
    const err = await refused(reviewFulfilments(prisma, { ids: [id], decision: "approved" }, admin, null, NO_API));
    expect(err.message).toContain(`${id} (denied in FirstPromoter)`);
    expect(await status(id)).toBe("pending");
  });

  it("refuses more than 100 at once and bad ids before touching anything", async () => {
    const many = Array.from({ length: 101 }, (_, i) => String(i + 1));
    await expect(reviewFulfilments(prisma, { ids: many, decision: "approved" }, admin)).rejects.toThrow(/at most 100/);
    await expect(reviewFulfilments(prisma, { ids: ["1; DROP TABLE fulfilment"], decision: "approved" }, admin)).rejects.toThrow();
    await expect(reviewFulfilments(prisma, { ids: [], decision: "approved" }, admin)).rejects.toThrow(/at least one/);
  });
});
