// The queue's approval path end to end, as the page runs it: the admin-only server action
// (reviewFulfilmentsAction, with real better-auth sessions) changes the rows, and the queue's own
// query (listFulfilments with the page's default URL) no longer shows them. Also: concurrent double
// approval through the action writes one audit row, a viewer (or nobody) is refused without a change,
// hold/reject need a reason, and a blocked bulk approval names the ids and changes nothing.
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../auth/next-headers-mock.ts"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { reviewFulfilmentsAction } from "@/app/(dashboard)/fulfilments/_lib/actions.ts";
import { listFulfilments } from "@/lib/fulfilments/list-fulfilments.ts";
import { parseFulfilmentsSearch } from "@/lib/fulfilments/search-params.ts";
import { authState, makeUser, requestHeaders, rows, signInAs, type TestUser, useAuthDatabase } from "../auth/helpers.ts";
import { setRequestHeaders } from "../auth/next-headers-mock.ts";
import { post, variant } from "../webhook/helpers.ts";

const ctx = useAuthDatabase();
// No FirstPromoter API key and no undo window: decisions wait as "not connected", and the webhook's 200
// (answered at once) is the only signal.
delete process.env.FIRSTPROMOTER_API_KEY;
process.env.FIRSTPROMOTER_SEND_DELAY_S = "0";

let nextId = 8_100_000;
/** What each fulfilment was delivered as: FirstPromoter's re-send is the same body again. */
const bodies = new Map<string, unknown>();

/** A new pending fulfilment delivered through the webhook (answered 202). */
async function pendingFulfilment(amount = 3, unit = "free_months"): Promise<string> {
  const id = ++nextId;
  const body = variant("fulfilment_pending", id + 40_000_000, "2025-01-01T10:00:00Z", (d) => ((d.id = id), (d.amount = amount), (d.unit = unit)));
  const res = await post(ctx.pool, body);
  expect(res.status).toBe(202);
  bodies.set(String(id), body);
  return String(id);
}

const queue = async (qs = "") => (await listFulfilments(ctx.prisma, parseFulfilmentsSearch(new URLSearchParams(qs)))).rows.map((r) => r.id);
const audits = (id: string) =>
  rows<{ action: string; actor_id: string; before: unknown; after: unknown }>(
    ctx.pool,
    "SELECT action, actor_id, before, after FROM audit_log WHERE target_type = 'fulfilment' AND target_id = $1 ORDER BY id",
    [id],
  );

async function actAs(role: "admin" | "viewer"): Promise<TestUser> {
  const user = await makeUser(role);
  setRequestHeaders((await signInAs(user)).headers);
  return user;
}

beforeEach(() => ctx.pool.query("DELETE FROM auth_throttle"));

describe("approving from the queue", () => {
  it("an admin approves two: both leave the pending queue (the third stays), each with an audit row; FirstPromoter then gets 200", async () => {
    const [a, b, c] = [await pendingFulfilment(), await pendingFulfilment(2500, "credits"), await pendingFulfilment()];
    expect(await queue()).toEqual(expect.arrayContaining([a, b, c]));
    const user = await actAs("admin");

    expect(await reviewFulfilmentsAction({ ids: [a, b], decision: "approved" })).toEqual({ ok: true, message: "Approved 2 fulfilments. FirstPromoter's API is not connected, so nothing is sent." });

    const pendingNow = await queue();
    expect(pendingNow).not.toContain(a);
    expect(pendingNow).not.toContain(b);
    expect(pendingNow).toContain(c);
    expect(await queue("review_status=approved")).toEqual(expect.arrayContaining([a, b]));
    expect(await audits(a)).toEqual([
      { action: "fulfilment.approve", actor_id: user.id, before: { review_status: "pending" }, after: { review_status: "approved", amount: "3.0000", unit: "free_months", firstpromoter: "mark_fulfilled waits: API not connected" } },
    ]);
    expect(await audits(b)).toEqual([
      { action: "fulfilment.approve", actor_id: user.id, before: { review_status: "pending" }, after: { review_status: "approved", amount: "2500.0000", unit: "credits", firstpromoter: "mark_fulfilled waits: API not connected" } },
    ]);
    const row = async () => (await listFulfilments(ctx.prisma, parseFulfilmentsSearch({ q: a, review_status: "approved" }))).rows[0];
    expect(await row()).toMatchObject({ reviewStatus: "approved", reviewedBy: user.email, sync: { kind: "not_connected" } });
    // FirstPromoter's next re-send is answered 200, and the row says so.
    expect((await post(ctx.pool, bodies.get(a))).status).toBe(200);
    expect((await post(ctx.pool, bodies.get(c))).status).toBe(202);
    expect(await row()).toMatchObject({ deliveryCount: 2, sync: { kind: "answered_200", at: expect.any(Date) } });
  });

  it("two approvals of the same fulfilment at once change it once: one audit row, the other told it is already approved", async () => {
    const id = await pendingFulfilment();
    await actAs("admin");
    const results = await Promise.all([
      reviewFulfilmentsAction({ ids: [id], decision: "approved" }),
      reviewFulfilmentsAction({ ids: [id], decision: "approved" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: expect.stringContaining(`${id} (already approved)`) });
    expect(await audits(id)).toHaveLength(1);
    expect(await queue()).not.toContain(id);
  });

  it("a blocked bulk approval changes nothing and names the ids that blocked it", async () => {
    const [a, b] = [await pendingFulfilment(), await pendingFulfilment()];
    await actAs("admin");
    await reviewFulfilmentsAction({ ids: [b], decision: "approved" });
    const result = await reviewFulfilmentsAction({ ids: [a, b, "99999999"], decision: "approved" });
    expect(result).toEqual({ ok: false, error: `Nothing was changed: 2 of 3 cannot be approved: ${b} (already approved), 99999999 (not found)` });
    expect(await queue()).toContain(a);
    expect(await audits(a)).toEqual([]);
  });

  it("more than 100 at once is refused before touching anything", async () => {
    const id = await pendingFulfilment();
    await actAs("admin");
    const ids = [id, ...Array.from({ length: 100 }, (_, i) => String(9_000_000 + i))];
    expect(await reviewFulfilmentsAction({ ids, decision: "approved" })).toMatchObject({ ok: false });
    expect(await queue()).toContain(id);
  });

  it("hold and reject need a reason; with one, they leave the pending queue with it", async () => {
    const [h, r] = [await pendingFulfilment(), await pendingFulfilment()];
    await actAs("admin");
    expect(await reviewFulfilmentsAction({ ids: [h], decision: "held" })).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(String) } });
    expect(await reviewFulfilmentsAction({ ids: [r], decision: "rejected", reason: "   " })).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(String) } });
    expect(await reviewFulfilmentsAction({ ids: [h], decision: "held", reason: "x".repeat(501) })).toMatchObject({ ok: false });
    expect(await queue()).toEqual(expect.arrayContaining([h, r]));

    expect(await reviewFulfilmentsAction({ ids: [h], decision: "held", reason: "waiting for the invoice" })).toEqual({ ok: true, message: "Held 1 fulfilment. Nothing is sent to FirstPromoter." });
    expect(await reviewFulfilmentsAction({ ids: [r], decision: "rejected", reason: "duplicate account" })).toEqual({ ok: true, message: "Rejected 1 fulfilment. FirstPromoter's API is not connected, so nothing is sent." });
    const now = await queue();
    expect(now).not.toContain(h);
    expect(now).not.toContain(r);
    const held = (await listFulfilments(ctx.prisma, parseFulfilmentsSearch({ review_status: "held", q: h }))).rows[0];
    expect(held).toMatchObject({ reviewStatus: "held", reviewReason: "waiting for the invoice" });
    // Held is still open: it can be approved later from the held view.
    expect(await reviewFulfilmentsAction({ ids: [h], decision: "approved" })).toMatchObject({ ok: true });
    expect((await audits(h)).map((a) => a.action)).toEqual(["fulfilment.hold", "fulfilment.approve"]);
  });
});

describe("who may review", () => {
  it.each([
    ["a viewer", "viewer", { ok: false, error: "Your role does not allow this" }],
    ["nobody signed in", "anonymous", { ok: false, error: "Your session has ended; sign in again" }],
  ] as const)("%s is refused, and nothing changes", async (_name, who, refusal) => {
    const id = await pendingFulfilment();
    if (who === "viewer") await actAs("viewer");
    else setRequestHeaders(requestHeaders());
    const before = await authState(ctx.pool);
    for (const decision of ["approved", "held", "rejected"] as const) {
      expect(await reviewFulfilmentsAction({ ids: [id], decision, reason: "because" })).toEqual(refusal);
    }
    expect(await authState(ctx.pool)).toEqual(before);
    expect(await queue()).toContain(id);
    expect(await audits(id)).toEqual([]);
  });
});
