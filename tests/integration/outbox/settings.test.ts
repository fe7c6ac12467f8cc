import { describe, expect, it } from "vitest";
import { getConnectionStatus } from "@/lib/firstpromoter-api/get-connection-status.ts";
import { testConnection } from "@/lib/firstpromoter-api/test-connection.ts";
import { reconcileNotConnected } from "@/lib/outbox/reconcile-not-connected.ts";
import { sendNotConnected } from "@/lib/outbox/send-not-connected.ts";
import { one, rows } from "../webhook/helpers.ts";
import { ACCOUNT_ID, ADMIN, API_KEY, approve, commandOf, pendingFulfilments, syncOf, useOutbox, worker } from "./helpers.ts";

// Settings' FirstPromoter section against the fake API: the masked status, Test connection's id
// check, and the decisions made while no key was set — read back, settled or sent on the admin's word.

const o = useOutbox();

describe("connection status", () => {
  it("shows the key masked (last 4), the account id and the outbox counts; never the key", async () => {
    const s = await getConnectionStatus(o.prisma, o.config);
    expect(s).toMatchObject({ state: "connected", accountId: ACCOUNT_ID, keyMasked: `••••${API_KEY.slice(-4)}`, missing: [] });
    expect(JSON.stringify(s)).not.toContain(API_KEY);
    const none = await getConnectionStatus(o.prisma, { ...o.config, key: null, accountId: null });
    expect(none).toMatchObject({ state: "not_connected", keyMasked: null, missing: ["FIRSTPROMOTER_API_KEY", "FIRSTPROMOTER_ACCOUNT_ID"] });
    expect((await getConnectionStatus(o.prisma, { ...o.config, accountId: null })).state).toBe("incomplete");
  });
});

describe("Test connection", () => {
  it("with no stored fulfilment: one cheap call, success recorded", async () => {
    await o.ctx.pool.query("TRUNCATE fulfilment CASCADE");
    const r = await testConnection(o.prisma, ADMIN, null, o.config);
    expect(r).toMatchObject({ ok: true, checked: [] });
    expect(o.api.fake.calls.map((c) => c.path)).toEqual(["/api/v2/company/commissions"]);
    expect((await one(o.ctx.pool, "SELECT last_success_at FROM fp_connection")).last_success_at).not.toBeNull();
  });

  it("looks up up to 5 stored fulfilment ids and says which FirstPromoter knows with the same amount and unit", async () => {
    const known = await pendingFulfilments(o, 3); // 3 free_months each, as in the fake
    const [unknown] = await pendingFulfilments(o, 1, null);
    const [different] = await pendingFulfilments(o, 1, { amount: 7 });
    const r = await testConnection(o.prisma, ADMIN, "10.0.0.9", o.config);
    if (!r.ok) throw new Error(r.message);
    expect(r.checked).toHaveLength(5);
    const byId = new Map(r.checked.map((c) => [c.id, c]));
    for (const id of known) expect(byId.get(id)).toMatchObject({ matches: true, firstPromoter: { status: "approved", amount: 3, unit: "free_months" } });
    expect(byId.get(unknown!)).toMatchObject({ matches: false, firstPromoter: null });
    expect(byId.get(different!)).toMatchObject({ matches: false, firstPromoter: { amount: 7 } });
    expect(r.message).toMatch(/only 3 of 5/);
    const audit = await one(o.ctx.pool, "SELECT after, ip FROM audit_log WHERE action = 'firstpromoter.test_connection' ORDER BY id DESC LIMIT 1");
    expect(audit).toEqual({ after: { ok: true, checked: 5, matching: 3 }, ip: "10.0.0.9" });
  });

  it("a refused key pauses sends, and a later successful test ends the pause", async () => {
    o.api.fake.inject({ kind: "unauthorized", times: 1 });
    const bad = await testConnection(o.prisma, ADMIN, null, o.config);
    expect(bad).toMatchObject({ ok: false, kind: "auth" });
    expect((await one(o.ctx.pool, "SELECT paused_at FROM fp_connection")).paused_at).not.toBeNull();
    expect((await testConnection(o.prisma, ADMIN, null, o.config)).ok).toBe(true);
    expect((await one(o.ctx.pool, "SELECT paused_at FROM fp_connection")).paused_at).toBeNull();
    expect(JSON.stringify(await rows(o.ctx.pool, "SELECT * FROM audit_log"))).not.toContain(API_KEY);
  });

  it("without credentials it says what to set", async () => {
    expect(await testConnection(o.prisma, ADMIN, null, { ...o.config, key: null })).toMatchObject({ ok: false, kind: "not_configured" });
  });
});

describe("decisions made while no API was connected", () => {
  it("are read back in calls of 100; those done in FirstPromoter are settled, the rest sent on the admin's word", async () => {
    const offline = { ...o.config, key: null };
    const [done, denied, todo] = await Promise.all([
      pendingFulfilments(o, 1, { payout: { id: 5, status: "completed" } }),
      pendingFulfilments(o, 1, { status: "denied", payout: null }),
      pendingFulfilments(o, 1),
    ]).then((x) => x.flat());
    const [unknown] = await pendingFulfilments(o, 1, null);
    await approve(o, [done!, denied!, todo!, unknown!], offline);
    for (const id of [done, denied, todo, unknown]) expect(await syncOf(o, id!)).toBe("not_connected");

    const r = await reconcileNotConnected(o.prisma, ADMIN, null, o.config);
    expect(r.settled.map((s) => s.fulfilmentId).sort()).toEqual([done!, denied!].sort());
    expect(r.remaining.map((s) => s.fulfilmentId)).toEqual([todo]);
    expect(r.unknown.map((s) => s.fulfilmentId)).toEqual([unknown]);
    expect(await syncOf(o, done!)).toBe("confirmed");
    expect(await syncOf(o, denied!)).toBe("fp_denied");
    expect(await syncOf(o, todo!)).toBe("not_connected");
    expect(o.api.fake.calls.filter((c) => c.method === "POST")).toEqual([]); // reading only

    expect(await sendNotConnected(o.prisma, ADMIN, null, o.config)).toBe(2);
    expect(await commandOf(o, todo!)).toMatchObject({ state: "scheduled" });
    await worker(o).tick();
    expect(await syncOf(o, todo!)).toBe("confirmed");
    expect(await syncOf(o, unknown!)).not.toBe("confirmed");
    expect(await sendNotConnected(o.prisma, ADMIN, null, o.config)).toBe(0);
  });
});
