import "server-only";
import { cursorValue, fetchKeysetPage, type Keyset, type KeysetOptions, pageTotal, queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { isFiltered } from "@/lib/data-table/parsers.ts";
import type { CursorValue, Page } from "@/lib/data-table/types.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { likePrefix } from "@/lib/data-table/like-prefix.ts";
import { classifyRewardSearch, type RewardsSearch } from "./search-params.ts";
import { deletedCondition } from "@/lib/data-table/deleted-condition.ts";

// The rewards screen's list query (/rewards): its filters as SQL, the keyset page and its total,
// and the pieces (conditions, FROM, select list, keyset) the CSV export reuses.

export type RewardRow = {
  id: string;
  status: string | null;
  /** Deleted in FirstPromoter (v2). */
  deleted: boolean;
  /** Exact decimal text in the unit's smallest step (cents for cash); format with formatAmount. */
  amount: string | null;
  unit: string | null;
  /** The sale the reward was earned on, in cents. */
  conversionAmount: string | null;
  tierLevel: number | null;
  leadId: string | null;
  leadEmail: string | null;
  promoterId: string | null;
  promoterEmail: string | null;
  promoterName: string | null;
  /** FirstPromoter's created_at, or when Ledger first saw the reward if it was not sent. */
  createdAt: Date;
};

export type RewardRaw = Omit<RewardRow, "id" | "leadId" | "promoterId"> & { id: bigint; leadId: bigint | null; promoterId: bigint | null };

/**
 * The sort keys as SQL. Both are NOT NULL expressions (the keyset needs it) with matching expression
 * indexes in the migration rewards_fulfilments_list; an amount FirstPromoter did not send sorts as 0.
 */
export const REWARD_CREATED = Prisma.raw("COALESCE(r.fp_created_at, r.first_seen_at)");
const SORT_COLUMNS = { created_at: REWARD_CREATED, amount: Prisma.raw("COALESCE(r.amount, 0)") } as const;

/** `col = v` for one value (so the planner can walk an index in sort order), `= ANY` for several. */
function oneOf(col: Prisma.Sql, values: string[], type: "text" | "bigint"): Prisma.Sql {
  if (values.length === 1) return Prisma.sql`${col} = ${values[0]}::${Prisma.raw(type)}`;
  return Prisma.sql`${col} = ANY(${values}::${Prisma.raw(type)}[])`;
}

/**
 * The rewards screen's filters as SQL over `reward r` (also what the CSV export filters with).
 * Indexes (migration rewards_fulfilments_list): (status|unit|promoter_id, created, id) for the
 * filters in the default order, (created, id) for the date range, and lower(lead.email)
 * text_pattern_ops for the email search (a prefix is an index range).
 */
export function rewardConditions(search: Pick<RewardsSearch, "filters" | "q">): Prisma.Sql {
  const conds: Prisma.Sql[] = [];
  const { status, unit, promoter, created_at, deleted } = search.filters;
  const gone = deletedCondition("r", deleted);
  if (gone) conds.push(gone);
  if (status.length > 0) conds.push(oneOf(Prisma.raw("r.status"), status, "text"));
  if (unit.length > 0) conds.push(oneOf(Prisma.raw("r.unit"), unit, "text"));
  if (promoter.length > 0) conds.push(oneOf(Prisma.raw("r.promoter_id"), promoter, "bigint"));
  if (created_at?.from != null) conds.push(Prisma.sql`${REWARD_CREATED} >= ${new Date(created_at.from)}`);
  if (created_at?.to != null) conds.push(Prisma.sql`${REWARD_CREATED} < ${new Date(created_at.to)}`);
  const term = classifyRewardSearch(search.q);
  if (term?.kind === "id") conds.push(Prisma.sql`r.id = ${term.id}::bigint`);
  if (term?.kind === "email") {
    conds.push(Prisma.sql`r.lead_id IN (SELECT sl.id FROM lead sl WHERE lower(sl.email) LIKE ${likePrefix(term.prefix)})`);
  }
  return conds.length > 0 ? Prisma.join(conds, " AND ") : Prisma.sql`TRUE`;
}

/** The rows' FROM: rewards with their lead's email and promoter's name (one join each, no N+1). */
export const REWARD_FROM = Prisma.sql`reward r
    LEFT JOIN lead l ON l.id = r.lead_id
    LEFT JOIN promoter p ON p.id = r.promoter_id`;

/** The select list for a RewardRaw row (amounts as exact text). */
export const REWARD_SELECT = Prisma.sql`r.id, r.status, r.deleted, r.amount::text AS amount, r.unit, r.conversion_amount::text AS "conversionAmount",
           r.tier_level AS "tierLevel", r.lead_id AS "leadId", l.email AS "leadEmail", r.promoter_id AS "promoterId",
           p.email AS "promoterEmail", NULLIF(concat_ws(' ', p.first_name, p.last_name), '') AS "promoterName",
           ${REWARD_CREATED} AS "createdAt"`;

/** The page query for a keyset (exported for the bench's EXPLAIN and the CSV export). */
export function rewardListSql(where: Prisma.Sql, k: Keyset): Prisma.Sql {
  return Prisma.sql`
    SELECT ${REWARD_SELECT}
    FROM ${REWARD_FROM}
    WHERE ${where} AND ${k.where}
    ORDER BY ${k.orderBy}
    ${k.limit}`;
}

export function rewardKeyset(search: RewardsSearch): KeysetOptions {
  const type = search.sort.id === "amount" ? "number" : "date";
  return { column: SORT_COLUMNS[search.sort.id], id: Prisma.raw("r.id"), sort: search.sort, type, cursor: search.cursor, perPage: search.perPage };
}

/**
 * A row's position for the cursor. Amounts are numeric(20,4); as a JSON number they round-trip
 * exactly up to 15 significant digits, far beyond any real reward.
 */
export function rewardCursorKey(search: Pick<RewardsSearch, "sort">) {
  return (row: RewardRaw): { value: CursorValue; id: string } => ({
    value: search.sort.id === "amount" ? Number(row.amount ?? "0") : cursorValue(row.createdAt),
    id: row.id.toString(),
  });
}

export function toRewardRow(r: RewardRaw): RewardRow {
  return { ...r, id: r.id.toString(), leadId: r.leadId?.toString() ?? null, promoterId: r.promoterId?.toString() ?? null };
}

/** One page of the rewards screen, newest first by default, with a cheap total (see pageTotal). */
export async function listRewards(prisma: PrismaClient, search: RewardsSearch): Promise<Page<RewardRow>> {
  const where = rewardConditions(search);
  const [page, total] = await Promise.all([
    fetchKeysetPage(rewardKeyset(search), (k) => queryPlannedForValues<RewardRaw[]>(prisma, rewardListSql(where, k)), rewardCursorKey(search)),
    pageTotal(prisma, { table: "reward", from: Prisma.sql`reward r`, where, filtered: isFiltered(search) }),
  ]);
  return { ...page, rows: page.rows.map(toRewardRow), total };
}
