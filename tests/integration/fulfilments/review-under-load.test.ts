// A review (an interactive transaction with its audit rows) while the webhook ingests and the screens
// read, on whichever database the suite runs against — in embedded mode, PGlite behind pglite-socket,
// whose connections share one Postgres session: nothing may fail, interleave into another's
// transaction, or leave a half-written review.
import type { LedgerPool } from "@/lib/db/pool.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/index.ts";
import { parseEventsSearch } from "@/lib/events/search-params.ts";
import { listEvents } from "@/lib/events/list-events.ts";
import { listFulfilments } from "@/lib/fulfilments/list-fulfilments.ts";
import { parseFulfilmentsSearch } from "@/lib/fulfilments/search-params.ts";
import { reviewFulfilments } from "@/lib/fulfilments/review-fulfilments.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { listPromoters } from "@/lib/promoters/list-promoters.ts";
import { parsePromotersSearch } from "@/lib/promoters/search-params.ts";
import { generateStream } from "@/lib/simulator/generate-stream.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { post } from "../webhook/helpers.ts";

const NOW = new Date("2026-03-01T12:00:00.000Z");
let db: TestDatabase;
let prisma: PrismaClient;
let pool: LedgerPool;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  for (const d of generateStream({ seed: 21, events: 400, now: NOW, duplicates: 0 }).slice(0, 300)) await post(pool, d.body);
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe("a review while the webhook writes and the screens read", () => {
  it("every review commits whole with its audit rows; no webhook delivery or list query fails", async () => {
    const { rows } = await pool.query("SELECT id::text FROM fulfilment WHERE review_status = 'pending' ORDER BY id");
    const ids = rows.map((r) => r.id as string);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    const later = generateStream({ seed: 21, events: 400, now: NOW, duplicates: 0 }).slice(300);
    const actor = { id: "admin-1", email: "admin@example.com" };

    const writes = (async () => {
      const answers: number[] = [];
      for (let i = 0; i < later.length; i += 4) {
        const batch = later.slice(i, i + 4);
        answers.push(...(await Promise.all(batch.map((d) => post(pool, d.body)))).map((r) => r.status));
      }
      return answers;
    })();
    const reads = (async () => {
      for (let i = 0; i < 15; i++) {
        await Promise.all([
          listEvents(prisma, parseEventsSearch({})),
          listPromoters(prisma, parsePromotersSearch({ sort: "cash_current.desc" })),
          listFulfilments(prisma, parseFulfilmentsSearch({})),
        ]);
      }
    })();
    const reviews = (async () => {
      const half = Math.floor(ids.length / 2);
      await reviewFulfilments(prisma, { ids: ids.slice(0, half), decision: "approved" }, actor, "127.0.0.1");
      await reviewFulfilments(prisma, { ids: ids.slice(half), decision: "held", reason: "checking" }, actor, "127.0.0.1");
    })();
    const [answers] = await Promise.all([writes, reads, reviews]);
    expect(answers.every((s) => s === 200 || s === 202)).toBe(true);

    const reviewed = await pool.query("SELECT review_status::text AS s, count(*)::int AS n FROM fulfilment WHERE id = ANY($1::bigint[]) GROUP BY 1 ORDER BY 1", [ids]);
    expect(reviewed.rows).toEqual([
      { s: "approved", n: Math.floor(ids.length / 2) },
      { s: "held", n: ids.length - Math.floor(ids.length / 2) },
    ]);
    const audit = await pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action IN ('fulfilment.approve', 'fulfilment.hold')");
    expect(audit.rows[0].n).toBe(ids.length);
    const events = await pool.query("SELECT count(*)::int AS n FROM webhook_event");
    expect(events.rows[0].n).toBe(400);
  });
});
