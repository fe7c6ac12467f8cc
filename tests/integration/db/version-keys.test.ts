// Upgrading an install whose rows carry version keys of the shape before v2 ([epoch ms, id] and no
// snapshot_key): ingestion compares them correctly before any rewrite (a late older event still
// loses), and the batched backfill rewrites every stored key into the current shape, resumably.
import { describe, expect, it } from "vitest";
import { backfillVersionKeys } from "@/lib/db/backfill-version-keys.ts";
import { one, post, rows, useTestDatabase, variant } from "../webhook/helpers.ts";

const ctx = useTestDatabase();

describe("version keys of the shape before v2", () => {
  it("are compared through ledger_vkey before the backfill, and rewritten by it", async () => {
    // A lead as an older Ledger left it: event 300 at 2024-10-04T10:00:00.500Z, keys [ms, id].
    const ms = Date.parse("2024-10-04T10:00:00.500Z");
    await ctx.pool.query(
      `INSERT INTO lead (id, state, email, field_versions, snapshot_at, snapshot_event_id)
       VALUES (91, 'active', 'new@example.com', $1, '2024-10-04T10:00:00.500Z', 300)`,
      [JSON.stringify({ state: [ms, 300], email: [ms, 300] })],
    );
    // A late, older snapshot (event 200, a second earlier) must not win; a newer one must.
    const older = variant("lead_signup", 200, "2024-10-04T09:59:59.000Z", (d) => ((d.id = 91), (d.state = "signup"), (d.email = "old@example.com")));
    expect((await post(ctx.pool, older)).status).toBe(200);
    expect(await one(ctx.pool, "SELECT state, email FROM lead WHERE id = 91")).toEqual({ state: "active", email: "new@example.com" });
    const newer = variant("lead_signup", 400, "2024-10-04T10:00:00.600Z", (d) => ((d.id = 91), (d.state = "cancelled")));
    expect((await post(ctx.pool, newer)).status).toBe(200);
    expect((await one(ctx.pool, "SELECT state FROM lead WHERE id = 91")).state).toBe("cancelled");

    // Another legacy row untouched since: the backfill rewrites it.
    await ctx.pool.query(
      `INSERT INTO lead (id, state, field_versions, snapshot_at, snapshot_event_id) VALUES (92, 'signup', $1, '2024-10-04T10:00:01.250Z', 301)`,
      [JSON.stringify({ state: [Date.parse("2024-10-04T10:00:01.250Z"), 301] })],
    );
    const report = await backfillVersionKeys(ctx.pool, { batch: 1 });
    expect(report?.find((r) => r.table === "lead")?.rows).toBeGreaterThanOrEqual(2);
    const second = Math.floor(Date.parse("2024-10-04T10:00:01.250Z") / 1000);
    expect(await one(ctx.pool, "SELECT field_versions, snapshot_key FROM lead WHERE id = 92")).toEqual({
      field_versions: { state: [second, 0, 1, 250, 301] },
      snapshot_key: [second, 0, 1, 250, 301],
    });
    const legacy = await rows(ctx.pool, "SELECT id FROM lead, jsonb_each(field_versions) e WHERE jsonb_array_length(e.value) <> 5 OR snapshot_key IS NULL");
    expect(legacy).toEqual([]);
    // Done once: a second run has nothing to do.
    expect(await backfillVersionKeys(ctx.pool)).toEqual([]);
  });

  it("walks a composite primary key forward (promoter_balance: promoter, kind, unit) in batches smaller than the table", async () => {
    // 3 promoters × 3 kinds × 2 units of legacy balance rows (no snapshot_key). The batch's last key must
    // be the largest by every key column: ordering only the last one DESC once sent the walk backwards, forever.
    await ctx.pool.query(`INSERT INTO promoter (id, snapshot_at, snapshot_event_id) SELECT g, '2024-10-04T10:00:00Z', 500 FROM generate_series(801, 803) g ON CONFLICT DO NOTHING`);
    await ctx.pool.query(`DELETE FROM ledger_backfill`);
    await ctx.pool.query(
      `INSERT INTO promoter_balance (promoter_id, kind, unit, amount, snapshot_at, snapshot_event_id)
       SELECT p, k::balance_kind, u, 1, '2024-10-04T10:00:00.500Z', 500
       FROM generate_series(801, 803) p, unnest(ARRAY['earnings', 'current', 'paid']) k, unnest(ARRAY['cash', 'points']) u`,
    );
    const report = await backfillVersionKeys(ctx.pool, { batch: 4 });
    expect(report?.find((r) => r.table === "promoter_balance")?.rows).toBe(await one(ctx.pool, "SELECT count(*)::int AS n FROM promoter_balance").then((r) => r.n));
    expect(await rows(ctx.pool, "SELECT 1 FROM promoter_balance WHERE snapshot_key IS NULL OR jsonb_array_length(snapshot_key) <> 5")).toEqual([]);
  }, 20_000);
});
