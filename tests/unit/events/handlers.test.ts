import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EVENT_HANDLERS } from "@/lib/events/event-types.ts";

// The handlers are pure: data in, projection out, no database. What each documented example projects.

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/firstpromoter");
const data = (name: string) => (JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as { data: unknown }).data;
const meta = (type: string) => ({ type, externalId: "1", occurredAt: "2024-10-04T10:00:00.000Z" });

function project(type: string, d: unknown) {
  const r = EVENT_HANDLERS[type]!.project(d, meta(type));
  if (!r.ok) throw new Error(r.message);
  return r.projection.toJSON();
}

describe("handlers project without a database", () => {
  it("lead_signup: the lead attributed to its promotion and promoter, the promoter's balances, the campaign", () => {
    const p = project("lead_signup", data("lead_signup"));
    expect(p.leads).toEqual([expect.objectContaining({ id: "21381518", state: "signup", promoter_id: "3920164", promotion_id: "4210924" })]);
    expect(p.promoters).toEqual([expect.objectContaining({ id: "3920164", email: "promoter@example.com" })]);
    expect(p.balances).toContainEqual({ promoter_id: "3920164", kind: "earnings", unit: "cash", amount: "50744" });
    expect(p.campaigns).toEqual([expect.objectContaining({ id: "13202", name: "Main Campaign" })]);
    expect(p.touched.map((t) => t.record_type).sort()).toEqual(["campaign", "lead", "promoter", "promotion"]);
  });

  it("reward_created: a nested lead carries no attribution of its own", () => {
    const p = project("reward_created", data("reward_created"));
    expect(p.rewards).toHaveLength(1);
    expect(p.leads).toEqual([expect.objectContaining({ promoter_id: null, promotion_id: null })]);
  });

  it("fulfilment_pending and promoter_signed_up fill what they carry, nothing else", () => {
    const f = project("fulfilment_pending", data("fulfilment_pending"));
    expect(f.fulfilments).toEqual([expect.objectContaining({ id: "2429153", unit: "free_months", amount: "3" })]);
    expect(f.leads).toEqual([]);
    const s = project("promoter_signed_up", data("promoter_signed_up"));
    expect(s.promoters).toHaveLength(1);
    expect(s.rewards).toEqual([]);
  });

  it("a schema failure names the field", () => {
    const r = EVENT_HANDLERS.lead_signup!.project({ id: "x" }, meta("lead_signup"));
    expect(r).toMatchObject({ ok: false, field: "data.id" });
  });
});
