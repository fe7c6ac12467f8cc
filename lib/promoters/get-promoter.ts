import "server-only";
import { cappedCountSql, COUNT_CAP } from "@/lib/data-table/keyset.ts";
import type { PageTotal } from "@/lib/data-table/types.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { parseRecordId } from "@/lib/records/parse-record-id.ts";
import { compareUnits } from "./balance-units.ts";

// A promoter's detail page: the profile, every balance, their promotions with campaigns, and the
// latest of their leads, rewards, fulfilments and payouts (each list capped, with a capped count and a link to
// the full, filtered list). The event timeline pages on its own (list-promoter-timeline.ts).

/** How many of the latest leads, rewards and fulfilments the page shows. */
export const LATEST = 10;
/** Promotions shown; a promoter has one per campaign they joined, this only bounds a pathological one. */
const MAX_PROMOTIONS = 100;

/** Profile keys worth a labelled line of their own, in display order; the page lists any other key after them. */
export const PROFILE_FIELDS: readonly { key: string; label: string; link?: boolean }[] = [
  { key: "company_name", label: "Company" },
  { key: "website", label: "Website", link: true },
  { key: "country", label: "Country" },
  { key: "phone_number", label: "Phone" },
  { key: "paypal_email", label: "PayPal email" },
  { key: "vat_id", label: "VAT id" },
  { key: "address", label: "Address" },
  { key: "description", label: "Description" },
];

export type PromoterDetail = NonNullable<Awaited<ReturnType<typeof getPromoter>>>;

const toTotal = (n: number): PageTotal => (n > COUNT_CAP ? { value: COUNT_CAP, exact: false, capped: true } : { value: n, exact: true });

/**
 * How many leads, rewards and fulfilments the promoter has, each counted up to COUNT_CAP + 1 (an
 * index range on promoter_id), in one statement. Plain queries, not queryPlannedForValues: one
 * equality on an indexed column plans the same either way, and the embedded database (PGlite behind
 * pglite-socket) garbles concurrent statements while a transaction is open on another connection.
 */
async function relatedCounts(prisma: PrismaClient, id: bigint): Promise<{ leads: PageTotal; rewards: PageTotal; fulfilments: PageTotal; payouts: PageTotal }> {
  const count = (from: Prisma.Sql, where: Prisma.Sql) => Prisma.sql`(${cappedCountSql(from, where)})`;
  const [row] = await prisma.$queryRaw<{ leads: number; rewards: number; fulfilments: number; payouts: number }[]>(Prisma.sql`
    SELECT ${count(Prisma.sql`lead l`, Prisma.sql`l.promoter_id = ${id}`)} AS leads,
           ${count(Prisma.sql`reward r`, Prisma.sql`r.promoter_id = ${id}`)} AS rewards,
           ${count(Prisma.sql`fulfilment f`, Prisma.sql`f.promoter_id = ${id}`)} AS fulfilments,
           ${count(Prisma.sql`payout po`, Prisma.sql`po.promoter_id = ${id}`)} AS payouts`);
  return { leads: toTotal(row?.leads ?? 0), rewards: toTotal(row?.rewards ?? 0), fulfilments: toTotal(row?.fulfilments ?? 0), payouts: toTotal(row?.payouts ?? 0) };
}

/**
 * Everything the detail page shows except the timeline, or null when the id is not a promoter id
 * or no such promoter is stored. Parallel queries, each an index lookup by promoter id (lead, reward
 * and fulfilment by their promoter_id indexes, newest first), never one per row.
 */
export async function getPromoter(prisma: PrismaClient, rawId: string) {
  const id = parseRecordId(rawId);
  if (id === null) return null;
  const [promoter, balances, promotions, leads, rewards, fulfilments, payouts, totals] = await Promise.all([
    prisma.promoter.findUnique({ where: { id } }),
    prisma.promoterBalance.findMany({ where: { promoterId: id } }),
    prisma.promotion.findMany({
      where: { promoterId: id },
      orderBy: { id: "asc" },
      take: MAX_PROMOTIONS,
      include: { campaign: { select: { id: true, name: true } } },
    }),
    prisma.lead.findMany({
      where: { promoterId: id },
      orderBy: { id: "desc" },
      take: LATEST,
      select: { id: true, email: true, state: true, planName: true, customerSince: true, cancelledAt: true, fpCreatedAt: true, firstSeenAt: true },
    }),
    prisma.reward.findMany({
      where: { promoterId: id },
      orderBy: { id: "desc" },
      take: LATEST,
      select: { id: true, status: true, amount: true, unit: true, fpCreatedAt: true, firstSeenAt: true, leadId: true, lead: { select: { email: true } } },
    }),
    prisma.fulfilment.findMany({
      where: { promoterId: id },
      orderBy: { id: "desc" },
      take: LATEST,
      select: {
        id: true, reviewStatus: true, amount: true, unit: true, hasIssues: true, answered200At: true, syncState: true, undoUntil: true, fpOutcomeAt: true, fpOutcome: true, format: true,
        firstDeliveryAt: true, lastDeliveryAt: true, deliveryCount: true, campaign: { select: { name: true } },
      },
    }),
    prisma.payout.findMany({
      where: { promoterId: id },
      orderBy: { id: "desc" },
      take: LATEST,
      select: { id: true, status: true, amount: true, unit: true, periodStart: true, periodEnd: true, paidAt: true, deleted: true, fpCreatedAt: true, firstSeenAt: true },
    }),
    relatedCounts(prisma, id),
  ]);
  if (!promoter) return null;

  const profile = promoter.profile && typeof promoter.profile === "object" && !Array.isArray(promoter.profile) ? (promoter.profile as Record<string, unknown>) : null;
  return {
    promoter: {
      id: promoter.id.toString(),
      status: promoter.status,
      deleted: promoter.deleted,
      email: promoter.email,
      // v1 sends first and last name; v2 a single `name`.
      name: [promoter.firstName, promoter.lastName].filter(Boolean).join(" ") || promoter.name || null,
      /** v2's custom_fields, as stored (objects only). */
      customFields:
        promoter.customFields && typeof promoter.customFields === "object" && !Array.isArray(promoter.customFields)
          ? (promoter.customFields as Record<string, unknown>)
          : null,
      refId: promoter.defaultRefId,
      /** FirstPromoter's created_at; null when no snapshot carried it. */
      fpCreatedAt: promoter.fpCreatedAt,
      firstSeenAt: promoter.firstSeenAt,
      /** occurred_at of the newest event reflected in the row. */
      snapshotAt: promoter.snapshotAt,
      updatedAt: promoter.updatedAt,
      profile,
    },
    /** One row per unit (known units first), with each kind's amount as exact decimal text (null: no row). */
    balances: balanceTable(balances),
    promotions: promotions.map((p) => ({
      id: p.id.toString(),
      status: p.status,
      /** v2 promoter-campaign state (pending, accepted, rejected, blocked, inactive, not_set). */
      state: p.state,
      refId: p.refId,
      referralLink: p.referralLink,
      campaign: p.campaignId === null ? null : { id: p.campaignId.toString(), name: p.campaign?.name ?? null },
    })),
    leads: {
      total: totals.leads,
      rows: leads.map((l) => ({ ...l, id: l.id.toString(), createdAt: l.fpCreatedAt ?? l.firstSeenAt })),
    },
    rewards: {
      total: totals.rewards,
      rows: rewards.map((r) => ({
        id: r.id.toString(),
        status: r.status,
        amount: r.amount?.toString() ?? null,
        unit: r.unit,
        createdAt: r.fpCreatedAt ?? r.firstSeenAt,
        lead: r.leadId === null ? null : { id: r.leadId.toString(), email: r.lead?.email ?? null },
      })),
    },
    fulfilments: {
      total: totals.fulfilments,
      rows: fulfilments.map((f) => ({ ...f, id: f.id.toString(), amount: f.amount?.toString() ?? null, campaignName: f.campaign?.name ?? null })),
    },
    /** v2 payouts (v1 sends none). */
    payouts: {
      total: totals.payouts,
      rows: payouts.map((p) => ({ ...p, id: p.id.toString(), amount: p.amount?.toString() ?? null, createdAt: p.fpCreatedAt ?? p.firstSeenAt })),
    },
  };
}

export type BalanceTableRow = { unit: string; earnings: string | null; current: string | null; paid: string | null; snapshotAt: Date };

function balanceTable(rows: { kind: "earnings" | "current" | "paid"; unit: string; amount: Prisma.Decimal; snapshotAt: Date }[]): BalanceTableRow[] {
  const byUnit = new Map<string, BalanceTableRow>();
  for (const r of rows) {
    const row = byUnit.get(r.unit) ?? { unit: r.unit, earnings: null, current: null, paid: null, snapshotAt: r.snapshotAt };
    row[r.kind] = r.amount.toString();
    if (r.snapshotAt > row.snapshotAt) row.snapshotAt = r.snapshotAt;
    byUnit.set(r.unit, row);
  }
  return [...byUnit.values()].sort((a, b) => compareUnits(a.unit, b.unit));
}
