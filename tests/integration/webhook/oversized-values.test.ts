// Long, incompressible text must never make an insert fail: Postgres refuses a b-tree entry over
// ~2.7 kB, and a refused insert would lose an event FirstPromoter never re-sends. Free text that is
// indexed for search (names, payload emails) is indexed on a bounded prefix; fields indexed whole
// (emails, ref ids, uids, statuses, units) are at most 254 characters, and a longer one makes the
// event fail validation: stored as failed with its payload, answered 422, nothing lost.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { post, useTestDatabase, variant } from "./helpers.ts";

const ctx = useTestDatabase();

/** Random base64 text: compression cannot shrink it under the index entry limit. */
const noise = (n: number) => randomBytes(n).toString("base64").slice(0, n);

describe("oversized values", () => {
  it("6,000-character names, websites and usernames are stored and projected whole", async () => {
    const body = variant("lead_signup", 88000001, "2026-01-01T00:00:00.000Z", (d) => {
      d.username = noise(6000);
      d.website = noise(6000);
      d.promoter.profile = { ...(d.promoter.profile ?? {}), first_name: noise(6000), last_name: noise(6000) };
    });
    const res = await post(ctx.pool, body);
    expect(res.status).toBe(200);
    const lead = await ctx.pool.query("SELECT length(username) AS u, length(website) AS w FROM lead WHERE id = $1", [body.data.id]);
    expect(lead.rows).toEqual([{ u: 6000, w: 6000 }]);
    const promoter = await ctx.pool.query("SELECT length(first_name) AS f, length(last_name) AS l FROM promoter WHERE id = $1", [body.data.promoter.id]);
    expect(promoter.rows).toEqual([{ f: 6000, l: 6000 }]);
  });

  it("a 6,000-character email, ref id or uid fails validation (422) and the event is stored as failed, not lost", async () => {
    const cases: [number, (d: any) => void, string][] = [
      [88000011, (d) => (d.email = `${noise(6000)}@example.com`), "data.email"],
      [88000012, (d) => (d.promoter.default_ref_id = noise(6000)), "data.promoter.default_ref_id"],
      [88000013, (d) => (d.promotion.ref_id = noise(6000)), "data.promotion.ref_id"],
      [88000014, (d) => (d.uid = noise(6000)), "data.uid"],
      [88000015, (d) => (d.promoter.email = `${noise(6000)}@example.com`), "data.promoter.email"],
    ];
    for (const [id, edit, field] of cases) {
      const res = await post(ctx.pool, variant("lead_signup", id, "2026-01-01T00:00:00.000Z", edit));
      expect(res.status, field).toBe(422);
      expect((res.body as any).error.field, field).toBe(field);
      const { rows } = await ctx.pool.query("SELECT status::text, length(payload::text) > 6000 AS whole FROM webhook_event WHERE external_id = $1", [String(id)]);
      expect(rows, field).toEqual([{ status: "failed", whole: true }]);
    }
    expect((await ctx.pool.query("SELECT count(*)::int AS n FROM lead")).rows[0].n).toBe(0);
  });

  it("an unknown event type with huge emails and ids in the payload is still stored (ignored)", async () => {
    const res = await post(ctx.pool, {
      event: { id: 88000002, type: "something_new", created_at: "2026-01-01T00:00:00.000Z" },
      data: { email: noise(7000), promoter: { id: noise(7000), email: noise(7000) }, lead: { email: noise(7000) } },
    });
    expect(res.status).toBe(200);
    expect((await ctx.pool.query("SELECT status::text FROM webhook_event WHERE external_id = '88000002'")).rows).toEqual([{ status: "ignored" }]);
  });
});
