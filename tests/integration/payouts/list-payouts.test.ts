// The payouts screen's queries (v2 only) against a real database: a seeded v2 stream delivered through
// the v2 webhook plus hand-made payouts (deleted, no period, a mixed-case promoter email); every filter,
// the deleted filter's default, the sorts, keyset paging both ways, search by id and email, the CSV
// export, and a payout's page with its commissions and events.
import type { LedgerPool } from "@/lib/db/pool.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/index.ts";
import { exportSource } from "@/lib/export/sources.ts";
import { streamCsvExport } from "@/lib/export/stream-csv-export.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { getPayout } from "@/lib/payouts/get-payout.ts";
import { listPayoutFacets } from "@/lib/payouts/list-payout-facets.ts";
import { listPayouts } from "@/lib/payouts/list-payouts.ts";
import { parsePayoutsSearch } from "@/lib/payouts/search-params.ts";
import { generateV2Stream } from "@/lib/simulator/generate-stream.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { expectPaged, walkPages } from "../../helpers/walk-pages.ts";
import { postV2, rows, v2Envelope } from "../webhook/helpers.ts";

const NOW = new Date("2026-03-01T12:00:00.000Z");

let db: TestDatabase;
let prisma: PrismaClient;
let pool: LedgerPool;

const list = (params: Record<string, string>) => listPayouts(prisma, parsePayoutsSearch(params));

beforeAll(async () => {
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  for (const d of generateV2Stream({ seed: 31, events: 1200, now: NOW })) {
    const res = await postV2(pool, d.body);
    if (res.status >= 300) throw new Error(`seed delivery answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  const send = async (b: ReturnType<typeof v2Envelope>) => {
    const res = await postV2(pool, b);
    if (res.status >= 300) throw new Error(JSON.stringify(res.body));
  };
  await send(v2Envelope("promoter.created", "created", { id: 95000001, email: "Mixed.Case@Example.COM" }, "2026-02-01T00:00:00Z"));
  await send(v2Envelope("payout.created", "created", { id: 96000001, status: "failed", amount: 1234, unit: "cash", error: "<b>bank refused</b>", promoter: { id: 95000001 } }, "2026-02-02T00:00:00Z"));
  await send(v2Envelope("payout.created", "created", { id: 96000002, status: "pending", amount: 10, unit: "cash", period_start: "2026-01-01T00:00:00Z" }, "2026-02-03T00:00:00Z"));
  await send(v2Envelope("payout.deleted", "deleted", { id: 96000002, status: "pending" }, "2026-02-04T00:00:00Z"));
}, 300_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

describe("payouts list", () => {
  it("leaves deleted payouts out by default; the deleted filter shows them alone or with the rest", async () => {
    const all = await rows(pool, "SELECT id::text, deleted FROM payout");
    const live = all.filter((r) => !r.deleted).length;
    expect(all.length).toBeGreaterThan(live);
    expect((await list({ perPage: "100" })).total).toEqual({ value: live, exact: true });
    expect((await list({ deleted: "yes" })).rows.map((r) => r.id)).toEqual(["96000002"]);
    expect((await list({ deleted: "no,yes", perPage: "100" })).total.value).toBe(all.length);
  });

  it("filters by status and promoter, searches by id and by the start of the promoter's email (case-insensitive, wildcards literal)", async () => {
    const completed = await list({ status: "completed", perPage: "100" });
    expect(completed.rows.length).toBeGreaterThan(0);
    expect(completed.rows.every((r) => r.status === "completed")).toBe(true);
    expect((await list({ promoter: "95000001" })).rows.map((r) => r.id)).toEqual(["96000001"]);
    expect((await list({ q: "96000001" })).rows.map((r) => r.id)).toEqual(["96000001"]);
    expect((await list({ q: "mixed.c" })).rows.map((r) => r.id)).toEqual(["96000001"]);
    expect((await list({ q: "mixed%" })).rows).toEqual([]);
  });

  it("pages every sort forward and back without gaps or repeats", async () => {
    for (const sort of ["created_at.desc", "amount.asc", "period.desc"]) {
      const expected = (await list({ sort, perPage: "100" })).rows;
      expect(expected.length).toBeGreaterThan(20);
      expectPaged(await walkPages(list, { sort, perPage: "20" }), expected, 20);
    }
  });

  it("shows commissions linked per payout, the promoter and the amount as exact text", async () => {
    const withLinks = (await list({ perPage: "100" })).rows.filter((r) => r.commissions > 0);
    expect(withLinks.length).toBeGreaterThan(0);
    const failed = (await list({ q: "96000001" })).rows[0]!;
    expect(failed).toMatchObject({ status: "failed", amount: "1234.0000", unit: "cash", promoterEmail: "Mixed.Case@Example.COM", error: "<b>bank refused</b>" });
  });

  it("facets: every documented status, and the promoter chip's label", async () => {
    const facets = await listPayoutFacets(prisma, { status: [], promoter: ["95000001"] });
    expect(facets.status.map((o) => o.value)).toEqual(expect.arrayContaining(["pending", "processing", "completed", "failed", "cancelled"]));
    expect(facets.promoter).toEqual([{ value: "95000001", label: "Mixed.Case@Example.COM" }]);
  });

  it("hostile URL values are dropped, never a 500", async () => {
    for (const params of <Record<string, string>[]>[{ status: "'; DROP TABLE payout; --" }, { promoter: "007" }, { period: "-5,x" }, { deleted: "maybe" }, { sort: "id.asc" }, { cursor: "!!" }]) {
      await expect(list(params)).resolves.toBeDefined();
    }
  });
});

describe("payouts CSV export", () => {
  it("exports the list's rows in its order, cash in currency units", async () => {
    const source = exportSource("payouts")!;
    const res = await streamCsvExport(prisma, source, new URLSearchParams("status=failed&columns=id,status,amount,promoter_email,error"), { user: { id: "u", email: "u@example.com", name: "U", role: "admin" }, ip: "127.0.0.1" });
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array(await res.arrayBuffer()));
    expect(text.replace(/^\uFEFF/, "").split("\r\n").filter((l) => l !== "")).toEqual([
      "id,status,amount,promoter_email,error",
      "96000001,failed,12.34,Mixed.Case@Example.COM,<b>bank refused</b>",
    ]);
  });
});

describe("a payout's page", () => {
  it("its commissions, with their review-queue state, and its events newest first with their changes; 404 for anything else", async () => {
    const [linked] = await rows(pool, "SELECT payout_id::text AS id FROM payout_commission WHERE NOT deleted LIMIT 1");
    const detail = await getPayout(prisma, linked.id);
    expect(detail!.commissions.length).toBeGreaterThan(0);
    expect(detail!.events.length).toBeGreaterThan(0);
    const times = detail!.events.map((e) => e.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const bad of ["007", "0", "-1", "abc", "99999999999999999999", linked.id + "0000"]) expect(await getPayout(prisma, bad)).toBeNull();
  });
});
