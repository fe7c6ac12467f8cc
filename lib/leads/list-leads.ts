import "server-only";
import { fetchKeysetPage, type Keyset, type KeysetOptions, pageTotal, queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { isFiltered } from "@/lib/data-table/parsers.ts";
import type { Page, PageTotal } from "@/lib/data-table/types.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { LEAD_JOINS, LEAD_SELECT, leadConditions, leadSortKey } from "./lead-conditions.ts";
import type { LeadsSearch } from "./search-params.ts";

export type LeadRow = {
  id: string;
  state: string | null;
  /** Deleted in FirstPromoter (v2). */
  deleted: boolean;
  suspicion: string | null;
  email: string | null;
  uid: string | null;
  planName: string | null;
  customerSince: Date | null;
  cancelledAt: Date | null;
  /** FirstPromoter's created_at, else when Ledger first saw the lead. */
  createdAt: Date;
  promoterId: string | null;
  /** "First Last" from the promoter's profile, when known. */
  promoterName: string | null;
  promoterEmail: string | null;
  promotionId: string | null;
  refId: string | null;
  campaignId: string | null;
  campaignName: string | null;
};

type Ids = "id" | "promoterId" | "promotionId" | "campaignId";
/** A row as leadListSql returns it: bigint ids, and the sort key as ISO text for the cursor. */
export type LeadRaw = Omit<LeadRow, Ids> & { id: bigint; promoterId: bigint | null; promotionId: bigint | null; campaignId: bigint | null; sortKey: string };

/**
 * The page query for a keyset (exported for a bench's EXPLAIN). The page is chosen on the lead table
 * alone (an index decides the order and the LIMIT), then only those rows are joined for names. The
 * sort key comes back as ISO text in UTC for the cursor, whatever the session's time zone.
 *
 * `materialize`: match first, then sort the matches (a MATERIALIZED CTE, which the planner cannot
 * flatten), for a set known to be small. Left to itself the planner may instead walk the sort index
 * hoping to meet matches early, which is right when they are many or spread out but reads most of
 * the table when a few are bunched far away (a search for "lead42" on the 100k bench matched
 * nothing among the newest 57,000 leads: 30 ms walking, 1 ms matching first).
 */
export function leadListSql(where: Prisma.Sql, k: Keyset, sortKey: Prisma.Sql, materialize = false): Prisma.Sql {
  const source = materialize
    ? Prisma.sql`(SELECT * FROM matches l WHERE ${k.where} ORDER BY ${k.orderBy} ${k.limit})`
    : Prisma.sql`(SELECT l.* FROM lead l WHERE ${where} AND ${k.where} ORDER BY ${k.orderBy} ${k.limit})`;
  return Prisma.sql`
    ${materialize ? Prisma.sql`WITH matches AS MATERIALIZED (SELECT l.* FROM lead l WHERE ${where})` : Prisma.empty}
    SELECT ${LEAD_SELECT},
           to_char(${sortKey} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "sortKey"
    FROM ${source} l
    ${LEAD_JOINS}
    ORDER BY ${k.orderBy}`;
}

export function leadKeyset(search: LeadsSearch): KeysetOptions {
  return { column: leadSortKey(search.sort), id: Prisma.raw("l.id"), sort: search.sort, type: "date", cursor: search.cursor, perPage: search.perPage };
}

const str = (v: bigint | null) => (v === null ? null : v.toString());

/**
 * One page of the leads screen, newest first by default, with a cheap total (see pageTotal). With a
 * search, the total is counted first (capped at COUNT_CAP, through the search's indexes): an exact
 * count means few enough matches to sort them outright (see leadListSql's `materialize`), a capped
 * one means plenty, met early by walking the sort index. Without one, both run at once.
 */
export async function listLeads(prisma: PrismaClient, search: LeadsSearch): Promise<Page<LeadRow>> {
  const where = leadConditions(search);
  const options = leadKeyset(search);
  const countTotal = () => pageTotal(prisma, { table: "lead", from: Prisma.sql`lead l`, where, filtered: isFiltered(search) });
  const fetchPage = (materialize: boolean) =>
    fetchKeysetPage(
      options,
      (k) => queryPlannedForValues<LeadRaw[]>(prisma, leadListSql(where, k, options.column, materialize)),
      (row) => ({ value: row.sortKey, id: row.id.toString() }),
    );
  if (search.q !== "") {
    const total = await countTotal();
    return toPage(await fetchPage(total.exact), total);
  }
  const [page, total] = await Promise.all([fetchPage(false), countTotal()]);
  return toPage(page, total);
}

function toPage(page: Omit<Page<LeadRaw>, "total">, total: PageTotal): Page<LeadRow> {
  return {
    ...page,
    rows: page.rows.map(({ sortKey: _sortKey, ...r }) => ({
      ...r,
      id: r.id.toString(),
      promoterId: str(r.promoterId),
      promotionId: str(r.promotionId),
      campaignId: str(r.campaignId),
    })),
    total,
  };
}
