// Every detail route reads its [id] segment with one rule (lib/records/parse-record-id.ts): with a
// promoter, lead, fulfilment, payout (from a v2 payout.updated), event and delivery all stored under id 7, each route's existence check
// (recordExists, asked by its layout) and its page's getter find "7" and answer 404 (false / null) for
// "007" and every other spelling that is not canonical decimal in 1…2^63-1. (Rewards have no detail
// route: /rewards/<id> is a 404 whatever the id.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/index.ts";
import type { LedgerPool } from "@/lib/db/pool.ts";
import { getDelivery } from "@/lib/events/get-delivery.ts";
import { getEvent } from "@/lib/events/get-event.ts";
import { getFulfilment } from "@/lib/fulfilments/get-fulfilment.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { getLead } from "@/lib/leads/get-lead.ts";
import { getPayout } from "@/lib/payouts/get-payout.ts";
import { getPromoter } from "@/lib/promoters/get-promoter.ts";
import { parseRecordId } from "@/lib/records/parse-record-id.ts";
import { type RecordKind, recordExists } from "@/lib/records/record-exists.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { NOT_RECORD_IDS } from "../../helpers/record-ids.ts";
import { post, postV2, v2Envelope, variant } from "../webhook/helpers.ts";

let db: TestDatabase;
let prisma: PrismaClient;
let pool: LedgerPool;

/** Each detail route: the record kind its layout checks and what its page loads (null: 404). */
const ROUTES: { path: string; kind: RecordKind; get: (raw: string) => Promise<{ id: string } | null> }[] = [
  { path: "/promoters/[id]", kind: "promoter", get: async (raw) => (await getPromoter(prisma, raw))?.promoter ?? null },
  {
    path: "/leads/[id]",
    kind: "lead",
    // The lead page parses the segment itself (it also loads the timeline by id), then calls getLead.
    get: async (raw) => {
      const id = parseRecordId(raw);
      return id === null ? null : ((await getLead(prisma, id))?.lead ?? null);
    },
  },
  { path: "/fulfilments/[id]", kind: "fulfilment", get: async (raw) => (await getFulfilment(prisma, raw))?.fulfilment ?? null },
  { path: "/payouts/[id]", kind: "payout", get: async (raw) => (await getPayout(prisma, raw))?.payout ?? null },
  { path: "/events/[id]", kind: "event", get: async (raw) => (await getEvent(prisma, raw))?.event ?? null },
  { path: "/events/deliveries/[id]", kind: "delivery", get: async (raw) => (await getDelivery(prisma, raw))?.delivery ?? null },
];

beforeAll(async () => {
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  // Ledger's own ids (events, deliveries) come from sequences: start both at 7.
  await prisma.$queryRawUnsafe(`SELECT setval(pg_get_serial_sequence('webhook_event', 'id'), 7, false),
                                       setval(pg_get_serial_sequence('webhook_delivery', 'id'), 7, false)`);
  const signup = variant("lead_signup", 9_700_001, "2026-02-01T10:00:00.000Z", (d) => {
    d.id = 7;
    d.promoter.id = 7;
  });
  const pending = variant("fulfilment_pending", 9_700_002, "2026-02-02T10:00:00.000Z", (d) => {
    d.id = 7;
    d.promoter.id = 7;
  });
  for (const body of [signup, pending]) {
    const res = await post(pool, body);
    if (res.status >= 300) throw new Error(`seed delivery answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  const payout = v2Envelope("payout.updated", "updated", { id: 7, status: "pending", amount: 500, unit: "points", promoter: { id: 7, email: "seven@example.com" } }, "2026-02-03T10:00:00Z");
  const res = await postV2(pool, payout);
  if (res.status >= 300) throw new Error(`seed v2 delivery answered ${res.status}: ${JSON.stringify(res.body)}`);
  const [first] = await prisma.$queryRaw<{ event: bigint; delivery: bigint }[]>`
    SELECT (SELECT min(id) FROM webhook_event) AS event, (SELECT min(id) FROM webhook_delivery) AS delivery`;
  if (first?.event !== 7n || first.delivery !== 7n) throw new Error(`expected event and delivery 7, got ${JSON.stringify(first, (_k, v: unknown) => String(v))}`);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

describe.each(ROUTES)("$path", ({ kind, get }) => {
  it("finds record 7 as \"7\"", async () => {
    expect(await recordExists(prisma, kind, "7")).toBe(true);
    expect((await get("7"))?.id).toBe("7");
  });

  it("is a 404 for \"007\" and every other non-canonical spelling", async () => {
    for (const raw of NOT_RECORD_IDS) {
      expect(await recordExists(prisma, kind, raw), raw).toBe(false);
      expect(await get(raw), raw).toBeNull();
    }
  });

  it("is a 404 for a canonical id that is not stored", async () => {
    for (const raw of ["8000", "9223372036854775807"]) {
      expect(await recordExists(prisma, kind, raw), raw).toBe(false);
      expect(await get(raw), raw).toBeNull();
    }
  });
});
