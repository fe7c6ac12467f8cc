import "server-only";
import { cursorValue, fetchKeysetPage, type Keyset, type KeysetOptions, pageTotal, queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { likePrefix } from "@/lib/data-table/like-prefix.ts";
import { isFiltered } from "@/lib/data-table/parsers.ts";
import type { CursorValue, Page } from "@/lib/data-table/types.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { classifyPayoutSearch, type PayoutsSearch } from "./search-params.ts";
import { deletedCondition } from "@/lib/data-table/deleted-condition.ts";

// The payouts screen's list query (/payouts): FirstPromoter v2 payouts with their promoter, campaign
// and the number of commissions linked to each (payout.commissions.*); the pieces the CSV export reuses.

export type PayoutRow = {
  id: string;
  status: string | null;
  /** Exact decimal text in the unit's smallest step (cents for cash); format with formatAmount. */
  amount: string | null;
  unit: string | null;
  totalInclTax: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  paidAt: Date | null;
  error: string | null;
  promoterId: string | null;
  promoterEmail: string | null;
  promoterName: string | null;
  campaignName: string | null;
  /** Commissions linked to it (payout.commissions.*, deleted links left out). */
  commissions: number;
  deleted: boolean;
  /** FirstPromoter's created_at, or when Ledger first saw the payout if it was not sent. */
  createdAt: Date;
};

export type PayoutRaw = Omit<PayoutRow, "id" | "promoterId"> & { id: bigint; promoterId: bigint | null };

/** The sort keys as SQL: NOT NULL expressions (the keyset needs them), indexed in migration version_keys_and_payout_lists. */
export const PAYOUT_CREATED = Prisma.raw("COALESCE(po.fp_created_at, po.first_seen_at)");
const SORT_COLUMNS = {
  created_at: PAYOUT_CREATED,
  amount: Prisma.raw("COALESCE(po.amount, 0)"),
  period: Prisma.raw("COALESCE(po.period_start, po.fp_created_at, po.first_seen_at)"),
} as const;

function oneOf(col: Prisma.Sql, values: string[], type: "text" | "bigint"): Prisma.Sql {
  if (values.length === 1) return Prisma.sql`${col} = ${values[0]}::${Prisma.raw(type)}`;
  return Prisma.sql`${col} = ANY(${values}::${Prisma.raw(type)}[])`;
}

/** The filters as SQL over `payout po`. Deleted payouts are left out unless `deleted` asks for them. */
export function payoutConditions(search: Pick<PayoutsSearch, "filters" | "q">): Prisma.Sql {
  const conds: Prisma.Sql[] = [];
  const { status, promoter, period, deleted } = search.filters;
  const gone = deletedCondition("po", deleted);
  if (gone) conds.push(gone);
  if (status.length > 0) conds.push(oneOf(Prisma.raw("po.status"), status, "text"));
  if (promoter.length > 0) conds.push(oneOf(Prisma.raw("po.promoter_id"), promoter, "bigint"));
  if (period?.from != null) conds.push(Prisma.sql`po.period_start >= ${new Date(period.from)}`);
  if (period?.to != null) conds.push(Prisma.sql`po.period_start < ${new Date(period.to)}`);
  const term = classifyPayoutSearch(search.q);
  if (term?.kind === "id") conds.push(Prisma.sql`po.id = ${term.id}::bigint`);
  if (term?.kind === "email") conds.push(Prisma.sql`po.promoter_id IN (SELECT sp.id FROM promoter sp WHERE lower(sp.email) LIKE ${likePrefix(term.prefix)})`);
  return conds.length > 0 ? Prisma.join(conds, " AND ") : Prisma.sql`TRUE`;
}

export const PAYOUT_FROM = Prisma.sql`payout po
    LEFT JOIN promoter p ON p.id = po.promoter_id
    LEFT JOIN campaign c ON c.id = po.campaign_id`;

export const PAYOUT_SELECT = Prisma.sql`po.id, po.status, po.amount::text AS amount, po.unit, po.total_incl_tax::text AS "totalInclTax",
           po.period_start AS "periodStart", po.period_end AS "periodEnd", po.paid_at AS "paidAt", po.error,
           po.promoter_id AS "promoterId", p.email AS "promoterEmail",
           COALESCE(p.name, NULLIF(concat_ws(' ', p.first_name, p.last_name), '')) AS "promoterName", c.name AS "campaignName",
           (SELECT count(*)::int FROM payout_commission pc WHERE pc.payout_id = po.id AND NOT pc.deleted) AS commissions,
           po.deleted, ${PAYOUT_CREATED} AS "createdAt"`;

export function payoutListSql(where: Prisma.Sql, k: Keyset): Prisma.Sql {
  return Prisma.sql`
    SELECT ${PAYOUT_SELECT}
    FROM ${PAYOUT_FROM}
    WHERE ${where} AND ${k.where}
    ORDER BY ${k.orderBy}
    ${k.limit}`;
}

export function payoutKeyset(search: PayoutsSearch): KeysetOptions {
  const type = search.sort.id === "amount" ? "number" : "date";
  return { column: SORT_COLUMNS[search.sort.id], id: Prisma.raw("po.id"), sort: search.sort, type, cursor: search.cursor, perPage: search.perPage };
}

export function payoutCursorKey(search: Pick<PayoutsSearch, "sort">) {
  return (row: PayoutRaw): { value: CursorValue; id: string } => ({
    value:
      search.sort.id === "amount" ? Number(row.amount ?? "0") : search.sort.id === "period" ? cursorValue(row.periodStart ?? row.createdAt) : cursorValue(row.createdAt),
    id: row.id.toString(),
  });
}

export function toPayoutRow(r: PayoutRaw): PayoutRow {
  return { ...r, id: r.id.toString(), promoterId: r.promoterId?.toString() ?? null };
}

/** One page of the payouts screen, newest first by default. */
export async function listPayouts(prisma: PrismaClient, search: PayoutsSearch): Promise<Page<PayoutRow>> {
  const where = payoutConditions(search);
  const [page, total] = await Promise.all([
    fetchKeysetPage(payoutKeyset(search), (k) => queryPlannedForValues<PayoutRaw[]>(prisma, payoutListSql(where, k)), payoutCursorKey(search)),
    pageTotal(prisma, { table: "payout", from: Prisma.sql`payout po`, where, filtered: isFiltered(search) }),
  ]);
  return { ...page, rows: page.rows.map(toPayoutRow), total };
}
