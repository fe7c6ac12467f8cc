// Shared set-up for the outbox tests: a test database, a fake FirstPromoter API on a free port, a
// config pointing at it, pending fulfilments delivered through the real webhook contract, and
// workers whose clock the test moves.
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { ApiConfig } from "@/lib/firstpromoter-api/config.ts";
import { createApiClient } from "@/lib/firstpromoter-api/client.ts";
import { getDb } from "@/lib/db/index.ts";
import type { FakeCommission } from "@/lib/fake-firstpromoter/fake-firstpromoter.ts";
import { type FakeServer, serveFakeFirstPromoter } from "@/lib/fake-firstpromoter/serve-fake-firstpromoter.ts";
import { reviewFulfilments } from "@/lib/fulfilments/review-fulfilments.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { OutboxWorker, type WorkerOptions } from "@/lib/outbox/worker.ts";
import { type DbContext, one, post, rows, useTestDatabase, variant } from "../webhook/helpers.ts";

export const API_KEY = "fp-test-key-SECRET-9f8e7d6c5b4a";
export const ACCOUNT_ID = "acc_test_42";
export const ADMIN = { id: "admin-1", email: "admin@example.com" };

export type OutboxContext = {
  ctx: DbContext;
  prisma: PrismaClient;
  api: FakeServer;
  config: ApiConfig;
  /** Milliseconds added to the real time by every worker's clock (tests move it forward). */
  offset: { ms: number };
  clock: () => Date;
};

export function useOutbox(opts: { max?: number; sendDelayMs?: number; budget?: { perWindow: number; windowMs: number } } = {}): OutboxContext {
  const ctx = useTestDatabase({ max: opts.max ?? 5 });
  const o = { ctx, offset: { ms: 0 } } as OutboxContext;
  o.clock = () => new Date(Date.now() + o.offset.ms);
  let close: () => Promise<void>;
  beforeAll(async () => {
    const d = getDb({ connectionString: ctx.db.url });
    o.prisma = d.prisma;
    close = async () => {
      await d.prisma.$disconnect();
      await d.pool.end();
    };
    o.api = await serveFakeFirstPromoter({ apiKey: API_KEY, accountId: ACCOUNT_ID, batchDelayMs: 50 });
    o.config = { url: o.api.url, key: API_KEY, accountId: ACCOUNT_ID, sendDelayMs: opts.sendDelayMs ?? 0, budget: opts.budget ?? { perWindow: 100_000, windowMs: 60_000 } };
  });
  beforeEach(async () => {
    o.offset.ms = 0;
    o.api.fake.commissions.clear();
    o.api.fake.calls.length = 0;
    o.api.fake.applied.clear();
    o.api.fake.clearFaults();
    await ctx.pool.query(
      "UPDATE fp_connection SET last_success_at = NULL, last_error = NULL, last_error_at = NULL, paused_at = NULL, paused_reason = NULL, paused_key = NULL, last_probe_at = NULL, rate_limited_until = NULL, tokens = 0, tokens_at = now() - interval '1 hour'",
    );
  });
  afterEach(() => o.api.fake.clearFaults());
  afterAll(async () => {
    await o.api?.stop();
    await close?.();
  });
  return o;
}

/** A worker on the fake API with the test's clock, no jitter, and short waits. */
export function worker(o: OutboxContext, extra: Partial<WorkerOptions> = {}): OutboxWorker {
  return new OutboxWorker({
    prisma: o.prisma,
    config: o.config,
    client: createApiClient(o.config, { timeoutMs: extra.leaseMs ? undefined : 2_000 }),
    clock: o.clock,
    random: () => 0.5,
    log: () => {},
    ...extra,
  });
}

let nextId = 7_000_000;

/** Delivers `n` new pending fulfilments (free months) through the webhook; the fake knows each as an approved commission with a payout unless `fp` says otherwise. */
export async function pendingFulfilments(o: OutboxContext, n: number, fp: Partial<FakeCommission> | null = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = ++nextId;
    const res = await post(o.ctx.pool, variant("fulfilment_pending", id + 10_000_000, "2024-10-01T10:00:00Z", (d) => (d.id = id)));
    if (res.status !== 202) throw new Error(`fulfilment ${id}: ${res.status}`);
    if (fp !== null) {
      o.api.fake.seed([
        { id, status: "approved", unit: "free_months", amount: 3, created_at: "2024-10-01T10:00:00Z", payoutOnApprove: true, payout: { id: id + 1, status: "pending" }, ...fp },
      ]);
    }
    ids.push(String(id));
  }
  return ids;
}

export const approve = (o: OutboxContext, ids: string[], config = o.config) => reviewFulfilments(o.prisma, { ids, decision: "approved" }, ADMIN, "10.0.0.1", config);

export const syncOf = async (o: OutboxContext, id: string) => (await one(o.ctx.pool, "SELECT sync_state FROM fulfilment WHERE id = $1", [id])).sync_state as string;

export const commandOf = (o: OutboxContext, id: string) =>
  one(o.ctx.pool, "SELECT c.* FROM fp_command c JOIN fulfilment f ON f.command_id = c.id WHERE f.id = $1", [id]);

export const auditActions = async (o: OutboxContext, id: string) =>
  (await rows(o.ctx.pool, "SELECT action FROM audit_log WHERE target_type = 'fulfilment' AND target_id = $1 ORDER BY id", [id])).map((r) => r.action as string);

/** Ticks until `done` holds or `max` ticks passed, moving the clock `stepMs` forward after each tick. */
export async function tickUntil(o: OutboxContext, w: OutboxWorker, done: () => Promise<boolean>, { stepMs = 5_000, max = 30 } = {}): Promise<number> {
  for (let i = 0; i < max; i++) {
    if (await done()) return i;
    await w.tick();
    o.offset.ms += stepMs;
  }
  if (await done()) return max;
  throw new Error(`not done after ${max} ticks`);
}
