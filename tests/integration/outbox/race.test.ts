import { describe, expect, it } from "vitest";
import { rows } from "../webhook/helpers.ts";
import { approve, pendingFulfilments, syncOf, useOutbox, worker } from "./helpers.ts";

// Workers racing on a real Postgres (PGlite runs one transaction at a time, so nothing races there):
// every approved fulfilment is applied exactly once at FirstPromoter, and all workers together stay
// inside the shared request budget, counted at the fake.

const onRealPostgres = Boolean(process.env.TEST_DATABASE_URL);
const BUDGET = { perWindow: 12, windowMs: 2_000 };
const o = useOutbox({ max: 10, budget: BUDGET });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!onRealPostgres)("two workers racing [real Postgres only]", () => {
  it("each approved fulfilment gets exactly one effective mark, and one mark call carries it", async () => {
    const ids = await pendingFulfilments(o, 40);
    await approve(o, ids);
    // A budget large enough not to be the limit here.
    const config = { ...o.config, budget: { perWindow: 10_000, windowMs: 60_000 } };
    const a = worker(o, { config, owner: "worker-a" });
    const b = worker(o, { config, owner: "worker-b" });
    const run = async (w: typeof a) => {
      for (let i = 0; i < 20; i++) await w.tick();
    };
    await Promise.all([run(a), run(b)]);
    for (const id of ids) {
      expect(await syncOf(o, id)).toBe("confirmed");
      expect(o.api.fake.appliedCount("mark_fulfilled", Number(id))).toBe(1);
    }
    const marks = o.api.fake.calls.filter((c) => c.path.endsWith("/mark_fulfilled")).flatMap((c) => c.ids);
    expect(marks.sort()).toEqual(ids.map(Number).sort());
    // Claimed once each: one send per command, never two.
    const sends = await rows(o.ctx.pool, "SELECT after->>'command_id' AS c FROM audit_log WHERE action = 'firstpromoter.send'");
    expect(sends).toHaveLength(ids.length);
  });

  it("the shared budget is never exceeded across two workers, counted at FirstPromoter", async () => {
    const ids = await pendingFulfilments(o, 30);
    // Every mark fails for a while: each worker retries as fast as backoff allows (tiny here).
    o.api.fake.inject({ kind: "error_500", times: 10_000, match: "mark_fulfilled" });
    await approve(o, ids);
    const policy = { baseMs: 1, capMs: 5, giveUpMs: 3_600_000 };
    const a = worker(o, { owner: "budget-a", policy });
    const b = worker(o, { owner: "budget-b", policy });
    const stopAt = Date.now() + 5_000;
    const run = async (w: typeof a) => {
      while (Date.now() < stopAt) {
        await w.tick();
        await sleep(5);
      }
    };
    await Promise.all([run(a), run(b)]);
    expect(o.api.fake.calls.length).toBeGreaterThan(BUDGET.perWindow * 2); // the budget, not idleness, was the limit
    expect(o.api.fake.maxRequestsPerWindow(BUDGET.windowMs)).toBeLessThanOrEqual(BUDGET.perWindow);
  });
});
