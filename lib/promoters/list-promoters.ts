import "server-only";
import { cursorValue, fetchKeysetPage, type Keyset, type KeysetOptions, pageTotal, queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { isFiltered } from "@/lib/data-table/parsers.ts";
import type { Page } from "@/lib/data-table/types.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { type BalancePart, fetchBalancePage, isBalanceCursor } from "./balance-keyset.ts";
import { PROMOTER_CREATED, PROMOTER_LIST_FROM, type PromoterListRaw, promoterConditions, promoterListSelect } from "./promoter-list-sql.ts";
import { BALANCE_SORTS } from "./balance-units.ts";
import type { PromotersSearch } from "./search-params.ts";

export type PromoterRow = PromoterListRaw;

/** The page query in the default order (exported for a bench's EXPLAIN). */
export function promoterListSql(where: Prisma.Sql, k: Keyset): Prisma.Sql {
  return Prisma.sql`
    SELECT ${promoterListSelect}
    FROM ${PROMOTER_LIST_FROM}
    WHERE ${where} AND ${k.where}
    ORDER BY ${k.orderBy}
    ${k.limit}`;
}

/** One part of a balance-sorted page (see balance-keyset.ts), with the sorted amount as exact text. */
export function promoterBalancePartSql(where: Prisma.Sql, part: BalancePart): Prisma.Sql {
  const from = part.hasBalance ? Prisma.sql`promoter_balance b JOIN promoter p ON p.id = b.promoter_id` : PROMOTER_LIST_FROM;
  const amount = part.hasBalance ? Prisma.sql`b.amount::text` : Prisma.sql`NULL::text`;
  return Prisma.sql`
    SELECT ${promoterListSelect}, ${amount} AS "sortAmount"
    FROM ${from}
    WHERE ${where} AND ${part.where}
    ORDER BY ${part.orderBy}
    ${part.limit}`;
}

export function promoterKeyset(search: PromotersSearch): KeysetOptions {
  return { column: PROMOTER_CREATED, id: Prisma.raw("p.id"), sort: search.sort, type: "date", cursor: search.cursor, perPage: search.perPage };
}

/**
 * One page of the promoters screen: newest first by default, or by any balance (kind + unit; see
 * balance-keyset.ts for where promoters without that balance go), with a cheap total (pageTotal).
 */
export async function listPromoters(prisma: PrismaClient, search: PromotersSearch): Promise<Page<PromoterRow>> {
  const where = promoterConditions(search);
  const [page, total] = await Promise.all([
    listPromoterRows(prisma, search, where),
    pageTotal(prisma, { table: "promoter", from: PROMOTER_LIST_FROM, where, filtered: isFiltered(search) }),
  ]);
  return { ...page, total };
}

/** The rows of one page and its cursors, without the total (the CSV export reads batches with it). */
export function listPromoterRows(prisma: PrismaClient, search: PromotersSearch, where = promoterConditions(search)): Promise<Omit<Page<PromoterRow>, "total">> {
  const balance = BALANCE_SORTS.get(search.sort.id);
  return balance
    ? fetchBalancePage(
        { ...balance, sort: search.sort, cursor: isBalanceCursor(search.cursor) ? search.cursor : null, perPage: search.perPage },
        (part) => queryPlannedForValues<(PromoterListRaw & { sortAmount: string | null })[]>(prisma, promoterBalancePartSql(where, part)),
        (row) => ({ amount: row.sortAmount, id: row.id }),
      ).then((page) => ({ ...page, rows: page.rows.map(({ sortAmount: _, ...row }) => row) }))
    : fetchKeysetPage(
        promoterKeyset(search),
        (k) => queryPlannedForValues<PromoterListRaw[]>(prisma, promoterListSql(where, k)),
        (row) => ({ value: cursorValue(row.createdAt), id: row.id }),
      );
}
