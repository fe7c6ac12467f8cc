// What the dashboard's queries make of v1 and v2 side by side: the events list filtered by format and
// v2 entity type, a v2 event's `changes` on its page, deleted records left out of the promoters, leads
// and rewards lists unless the deleted filter asks for them, a deleted promoter still on its own page
// with its v2 payouts, and the delivery log's format column.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/index.ts";
import type { LedgerPool } from "@/lib/db/pool.ts";
import { getEvent } from "@/lib/events/get-event.ts";
import { listDeliveries } from "@/lib/events/list-deliveries.ts";
import { listEventFacets } from "@/lib/events/list-event-facets.ts";
import { listEvents } from "@/lib/events/list-events.ts";
import { parseDeliveriesSearch, parseEventsSearch } from "@/lib/events/search-params.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { listLeads } from "@/lib/leads/list-leads.ts";
import { parseLeadsSearch } from "@/lib/leads/search-params.ts";
import { getPromoter } from "@/lib/promoters/get-promoter.ts";
import { listPromoters } from "@/lib/promoters/list-promoters.ts";
import { parsePromotersSearch } from "@/lib/promoters/search-params.ts";
import { listRewards } from "@/lib/rewards/list-rewards.ts";
import { parseRewardsSearch } from "@/lib/rewards/search-params.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { post, postV2, v2Envelope, variant } from "./helpers.ts";

let db: TestDatabase;
let prisma: PrismaClient;
let pool: LedgerPool;

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

beforeAll(async () => {
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  const ok = async (res: Promise<{ status: number; body: unknown }>) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`seed answered ${r.status}: ${JSON.stringify(r.body)}`);
  };
  // v1: promoter 501 with lead 601 and reward 701.
  await ok(post(pool, variant("lead_signup", 9_800_001, "2026-02-01T10:00:00.000Z", (d) => { d.id = 601; d.email = "kept@example.com"; d.promoter.id = 501; })));
  await ok(post(pool, variant("reward_created", 9_800_002, "2026-02-01T11:00:00.000Z", (d) => { d.id = 701; d.lead.id = 601; d.promoter.id = 501; })));
  // v2: promoter 502 with referral 602 and commission 702, then all three deleted; payout 802 of promoter 502.
  await ok(postV2(pool, v2Envelope("promoter.created", "created", { id: 502, email: "gone@example.com" }, "2026-02-02T10:00:00Z")));
  await ok(postV2(pool, v2Envelope("referral.created", "created", { id: 602, email: "gone-lead@example.com", state: "signup", promoter: { id: 502 } }, "2026-02-02T10:00:01Z")));
  await ok(postV2(pool, v2Envelope("commission.created", "created", { id: 702, status: "pending", amount: 900, unit: "cash", promoter: { id: 502 }, referral: { id: 602 } }, "2026-02-02T10:00:02Z")));
  await ok(
    postV2(pool, v2Envelope("commission.updated", "updated", { id: 702, status: "approved" }, "2026-02-02T10:00:03Z", { changes: { status: ["pending", "approved"] } })),
  );
  await ok(postV2(pool, v2Envelope("payout.created", "created", { id: 802, status: "pending", amount: 900, unit: "cash", promoter: { id: 502 } }, "2026-02-02T10:00:04Z")));
  for (const [type, id] of [["commission.deleted", 702], ["referral.deleted", 602], ["promoter.deleted", 502]] as const) {
    await ok(postV2(pool, v2Envelope(type, "deleted", { id }, "2026-02-03T10:00:00Z")));
  }
});

afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

describe("events list: format and entity type", () => {
  it("shows each event's format and v2 entity, and filters by both", async () => {
    const all = await listEvents(prisma, parseEventsSearch({}));
    expect(all.rows).toHaveLength(10);
    expect(all.rows.filter((r) => r.format === "v1").map((r) => r.entityType)).toEqual([null, null]);
    const v2 = await listEvents(prisma, parseEventsSearch({ format: "v2" }));
    expect(v2.rows).toHaveLength(8);
    expect(v2.rows.every((r) => r.format === "v2")).toBe(true);
    expect((await listEvents(prisma, parseEventsSearch({ format: "v1" }))).rows.map((r) => r.type).sort()).toEqual(["lead_signup", "reward_created"]);
    const commissions = await listEvents(prisma, parseEventsSearch({ entity: "commission" }));
    expect(commissions.rows.map((r) => r.type).sort()).toEqual(["commission.created", "commission.deleted", "commission.updated"]);
  });

  it("a v2 event id (UUID) is found by the search box", async () => {
    const [one] = (await listEvents(prisma, parseEventsSearch({ format: "v2" }))).rows;
    const found = await listEvents(prisma, parseEventsSearch({ q: one?.externalId ?? "none" }));
    expect(found.rows.map((r) => r.id)).toEqual([one?.id]);
  });

  it("offers both formats and the v2 entity kinds, with counts", async () => {
    const facets = await listEventFacets(prisma);
    expect(facets.format).toEqual([
      { value: "v1", label: "v1", count: 2, approximate: false },
      { value: "v2", label: "v2", count: 8, approximate: false },
    ]);
    expect(facets.entity.find((o) => o.value === "commission")?.count).toBe(3);
    expect(facets.entity.map((o) => o.value)).toEqual(expect.arrayContaining(["promoter", "promotercampaign", "referral", "commission", "payout"]));
  });

  it("a v2 event's page carries its changes; a v1 event's none", async () => {
    const [updated] = (await listEvents(prisma, parseEventsSearch({ type: "commission.updated" }))).rows;
    const detail = await getEvent(prisma, updated?.id ?? "0");
    expect(detail?.event.format).toBe("v2");
    expect(detail?.changes).toEqual({ status: ["pending", "approved"] });
    const [v1] = (await listEvents(prisma, parseEventsSearch({ format: "v1" }))).rows;
    expect((await getEvent(prisma, v1?.id ?? "0"))?.changes).toBeNull();
  });

  it("the delivery log says which URL each delivery came to", async () => {
    const page = await listDeliveries(prisma, parseDeliveriesSearch({}));
    expect(page.rows.filter((r) => r.format === "v1")).toHaveLength(2);
    expect(page.rows.filter((r) => r.format === "v2")).toHaveLength(8);
  });
});

describe("deleted in FirstPromoter: kept, hidden from lists unless asked for", () => {
  it("promoters", async () => {
    expect(ids((await listPromoters(prisma, parsePromotersSearch({}))).rows)).toEqual(["501"]);
    expect(ids((await listPromoters(prisma, parsePromotersSearch({ deleted: "yes" }))).rows)).toEqual(["502"]);
    const both = (await listPromoters(prisma, parsePromotersSearch({ deleted: "no,yes" }))).rows;
    expect(both.map((r) => [r.id, r.deleted]).sort()).toEqual([["501", false], ["502", true]]);
  });

  it("leads", async () => {
    expect(ids((await listLeads(prisma, parseLeadsSearch({}))).rows)).toEqual(["601"]);
    expect(ids((await listLeads(prisma, parseLeadsSearch({ deleted: "yes" }))).rows)).toEqual(["602"]);
  });

  it("rewards (v2 commissions)", async () => {
    expect(ids((await listRewards(prisma, parseRewardsSearch({}))).rows)).toEqual(["701"]);
    expect(ids((await listRewards(prisma, parseRewardsSearch({ deleted: "no,yes" }))).rows)).toEqual(["701", "702"]);
  });

  it("a deleted promoter's page still opens, marked deleted, with its payouts", async () => {
    const detail = await getPromoter(prisma, "502");
    expect(detail?.promoter.deleted).toBe(true);
    expect(detail?.payouts.total).toEqual({ value: 1, exact: true });
    expect(detail?.payouts.rows.map((p) => [p.id, p.status, p.amount, p.unit])).toEqual([["802", "pending", "900", "cash"]]);
  });
});
