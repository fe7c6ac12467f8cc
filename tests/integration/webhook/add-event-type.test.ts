// docs/architecture.md, "Adding an event type", followed for a test-only type: a schema, a pure
// handler built from the existing row mappers, the registry extended with it — and a delivery of it
// is stored, projected and answered like any other, through the statement its rows call for.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineHandler } from "@/lib/events/event-handler.ts";
import { EVENT_HANDLERS } from "@/lib/events/event-types.ts";
import { ingestEvent } from "@/lib/events/ingest-event.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { promoterRows } from "@/lib/projections/promoters.ts";
import { statementFor } from "@/lib/projections/sql/build-ingest-statement.ts";
import { one, useTestDatabase } from "./helpers.ts";

const ctx = useTestDatabase();

// 1. Its schema.
const promoterBlockedSchema = z.looseObject({ promoter: z.object({ id: z.union([z.number().int().positive(), z.string()]).transform(String), reason: z.string().nullish() }) });

// 2. Its handler: pure, no table names.
function projectPromoterBlocked(data: z.output<typeof promoterBlockedSchema>): Projection {
  const p = new Projection();
  p.promoters.add(promoterRows({ id: data.promoter.id, status: "blocked", email: null, default_ref_id: null, created_at: null, profile: undefined }).promoter);
  return p;
}

// 3. Registered (here: a registry of its own, as the test cannot edit lib/events/event-types.ts).
const handlers = { ...EVENT_HANDLERS, promoter_blocked: defineHandler(promoterBlockedSchema, projectPromoterBlocked) };

describe("adding an event type as docs/architecture.md says", () => {
  it("projects a delivery of it through the statement its rows call for, and fails its schema like any type", async () => {
    const input = (id: string, data: unknown) => ({
      source: "firstpromoter",
      externalId: id,
      type: "promoter_blocked",
      occurredAt: "2024-10-05T10:00:00.000Z",
      payload: { data },
      data,
      receivedAt: new Date(),
      bodyBytes: 40,
    });
    const ok = await ingestEvent(ctx.pool, input("88000001", { promoter: { id: 777 } }), "live", handlers);
    expect(ok).toMatchObject({ kind: "processed", row: { status_code: 200, outcome: "accepted" } });
    expect(await one(ctx.pool, "SELECT status FROM promoter WHERE id = 777")).toEqual({ status: "blocked" });
    expect(await one(ctx.pool, "SELECT record_type::text FROM event_record er JOIN webhook_event e ON e.id = er.event_id WHERE e.external_id = '88000001'")).toEqual({
      record_type: "promoter",
    });
    // 4. Its SQL: the promoter table only (the statement a snapshot would hold).
    expect(statementFor(projectPromoterBlocked({ promoter: { id: "1" } }).tables(), "live").text).toContain("c_promoter AS");
    expect(statementFor(projectPromoterBlocked({ promoter: { id: "1" } }).tables(), "live").text).not.toContain("c_lead AS");
    const bad = await ingestEvent(ctx.pool, input("88000002", { promoter: {} }), "live", handlers);
    expect(bad).toMatchObject({ kind: "failed", field: "data.promoter.id" });
    // Without the registry entry the same type is just unknown: stored raw.
    expect(await ingestEvent(ctx.pool, input("88000003", { promoter: { id: 1 } }))).toMatchObject({ kind: "ignored" });
  });
});
