// The SQL that runs for every event type, committed beside its builders
// (lib/projections/sql/__snapshots__/<type>.<mode>.sql), so a change to the hot path shows in review as
// a SQL diff. Each snapshot is the statement for a representative payload that fills every table the
// type can write. This test fails when the generated SQL changes without its file; after a deliberate
// change, rewrite them with `npm run sql:snapshots` and read the diff.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EVENT_HANDLERS } from "@/lib/events/event-types.ts";
import { V2_HANDLERS } from "@/lib/events/v2-event-types.ts";
import { type Mode, type Statement, buildIngestStatement, statementFor } from "@/lib/projections/sql/build-ingest-statement.ts";
import { TABLES } from "@/lib/projections/tables.ts";

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/firstpromoter");
const SNAPSHOTS = "../../../lib/projections/sql/__snapshots__";
const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as { data: Record<string, unknown> };
const v2Fixture = (name: string) => fixture(`../firstpromoter-v2/${name}`).data;

/** A v2 payload per entity kind that fills every table the kind can write (docs' examples, completed). */
function representativeV2(kind: string): Record<string, unknown> {
  const membership = v2Fixture("schema-promoter-campaign-accepted");
  switch (kind) {
    case "promoter":
      return { ...v2Fixture("doc-payload-promoter-created"), balances: { cash: 2500, points: 500 }, promoter_campaigns: [membership] };
    case "promotercampaign":
      return membership;
    case "referral":
      return { ...v2Fixture("doc-payload-referral-updated"), promoter_campaign: membership };
    case "commission":
      return { ...v2Fixture("doc-non-monetary-commission-updated-approved"), promoter: { id: 12345, email: "jane@example.com" }, promoter_campaign: membership };
    case "payout":
      return v2Fixture("schema-payout-updated-completed");
    case "payout.commissions":
      return v2Fixture("schema-payout-commissions-added");
    default:
      throw new Error(`no representative payload for v2 ${kind}`);
  }
}
const V2_META = { externalId: "a1b2c3d4-e5f6-7890-abcd-ef1234567890", occurredAt: "2025-01-19T10:30:00.000Z", action: "updated" } as const;

/** A payload per type that fills every table the type can write. */
function representative(type: string): Record<string, unknown> {
  const lead = fixture("lead_signup").data;
  switch (type) {
    case "promoter_signed_up":
    case "promoter_signs_up": {
      const d = fixture("promoter_signed_up").data as { promoter: Record<string, unknown> };
      d.promoter.earnings_balance = { cash: 100, free_months: 1 };
      return d;
    }
    case "promoter_accepted":
      return { state: "accepted", campaign: { id: 17476, name: "Campaign" }, promoter: lead.promoter, promotion: lead.promotion };
    case "reward_created":
      return fixture("reward_created").data;
    case "fulfilment_pending":
      return fixture("fulfilment_pending").data;
    default:
      return lead;
  }
}

/** The statement as a reviewer reads it: what fills it, its parameters, then the SQL. */
function render(title: string, statement: Statement): string {
  const params = statement.params.map((p, i) => `--   $${i + 1} ${p}`).join("\n");
  return `-- ${title}\n-- Prepared as ${statement.name}. Parameters:\n${params}\n\n${statement.text.trim()}\n`;
}

describe("the ingest statement of every event type, committed", () => {
  for (const [type, handler] of Object.entries(EVENT_HANDLERS)) {
    for (const mode of ["live", "replay"] as Mode[]) {
      it(`${type} (${mode})`, async () => {
        const result = handler.project(representative(type), { type, externalId: "1", occurredAt: "2024-10-04T10:00:00.000Z" });
        if (!result.ok) throw new Error(result.message);
        const tables = result.projection.tables();
        const statement = statementFor(tables, mode);
        await expect(render(`${type}, ${mode}: writes ${tables.join(", ")}`, statement)).toMatchFileSnapshot(`${SNAPSHOTS}/${type}.${mode}.sql`);
      });
    }
  }

  for (const [kind, handler] of Object.entries(V2_HANDLERS)) {
    for (const mode of ["live", "replay"] as Mode[]) {
      it(`v2 ${kind} (${mode})`, async () => {
        const result = handler.project(representativeV2(kind), { type: `${kind}.updated`, ...V2_META });
        if (!result.ok) throw new Error(result.message);
        const tables = result.projection.tables();
        const statement = statementFor(tables, mode, "v2");
        await expect(render(`v2 ${kind}, ${mode}: writes ${tables.join(", ")}`, statement)).toMatchFileSnapshot(`${SNAPSHOTS}/v2.${kind}.${mode}.sql`);
      });
    }
  }

  it("an unknown type (stored raw) and a failed one (stored with its error)", async () => {
    await expect(render("any unknown type, live: stored raw, nothing projected", buildIngestStatement({ status: "ignored" }))).toMatchFileSnapshot(`${SNAPSHOTS}/_ignored.live.sql`);
    await expect(render("a known type whose data fails its schema, live: stored as failed", buildIngestStatement({ status: "failed" }))).toMatchFileSnapshot(`${SNAPSHOTS}/_failed.live.sql`);
  });

  it("every table is written by some event type", () => {
    const written = new Set<string>();
    for (const [type, handler] of Object.entries(EVENT_HANDLERS)) {
      const r = handler.project(representative(type), { type, externalId: "1", occurredAt: "2024-10-04T10:00:00.000Z" });
      if (r.ok) for (const t of r.projection.tables()) written.add(t);
    }
    for (const [kind, handler] of Object.entries(V2_HANDLERS)) {
      const r = handler.project(representativeV2(kind), { type: `${kind}.updated`, ...V2_META });
      if (r.ok) for (const t of r.projection.tables()) written.add(t);
    }
    expect([...written].sort()).toEqual(TABLES.map((t) => t.name).sort());
  });
});
