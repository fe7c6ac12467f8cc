import "server-only";
import { cursorValue, fetchKeysetPage, type Keyset, type KeysetOptions, pageTotal, queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { isFiltered } from "@/lib/data-table/parsers.ts";
import type { CursorValue, Page } from "@/lib/data-table/types.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { likePrefix } from "@/lib/data-table/like-prefix.ts";
import { classifyFulfilmentSearch, type FulfilmentsSearch, type ReviewStatus } from "./search-params.ts";
import { type SyncDescription, type SyncStateKind, type SyncView, describeSyncState } from "./sync-state.ts";
import type { CommandKind, CommandState } from "@/lib/outbox/types.ts";

// The fulfilments review queue's list query (/fulfilments): its filters as SQL, the keyset page and
// its total, each row's sync state, and the pieces (conditions, FROM, select list, keyset) the CSV
// export reuses.

export type FulfilmentRow = {
  id: string;
  /** FirstPromoter's status as sent (pending). */
  fpStatus: string | null;
  reviewStatus: ReviewStatus;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  reviewReason: string | null;
  /** Exact decimal text in the unit's smallest step (cents for cash); format with formatAmount. */
  amount: string | null;
  unit: string | null;
  dueDate: Date | null;
  hasIssues: boolean;
  promoterId: string | null;
  promoterEmail: string | null;
  promoterName: string | null;
  campaignId: string | null;
  campaignName: string | null;
  firstDeliveryAt: Date;
  lastDeliveryAt: Date;
  deliveryCount: number;
  answered200At: Date | null;
  syncState: SyncStateKind;
  undoUntil: Date | null;
  /** Where it stands with FirstPromoter, and what to do about it (described when the page was read). */
  sync: SyncDescription;
};

/** The current command's columns, prefixed `cmd` (all null when it has none). */
type CommandRaw = {
  cmdId: bigint | null;
  cmdKind: CommandKind | null;
  cmdState: CommandState | null;
  cmdAttempts: number | null;
  cmdDueAt: Date | null;
  cmdLastError: string | null;
  cmdLastSentAt: Date | null;
  cmdBatchId: bigint | null;
  cmdFinishedAt: Date | null;
  cmdSettledAt: Date | null;
  cmdSettledBy: string | null;
};

export type FulfilmentRaw = Omit<FulfilmentRow, "id" | "promoterId" | "campaignId" | "sync"> &
  CommandRaw & {
    id: bigint;
    promoterId: bigint | null;
    campaignId: bigint | null;
    fpOutcomeAt: Date | null;
    fpOutcome: string | null;
    format: string;
  };

/** Sort keys: NOT NULL expressions with indexes led by review_status (migration rewards_fulfilments_list). */
const SORT_COLUMNS = { first_delivery_at: Prisma.raw("f.first_delivery_at"), amount: Prisma.raw("COALESCE(f.amount, 0)") } as const;

/** `col = v` for one value (so the planner can walk an index in sort order), `= ANY` for several. */
function oneOf(col: Prisma.Sql, values: readonly string[], type: "text" | "bigint" | "review_status" | "sync_state"): Prisma.Sql {
  if (values.length === 1) return Prisma.sql`${col} = ${values[0]}::${Prisma.raw(type)}`;
  return Prisma.sql`${col} = ANY(${values}::${Prisma.raw(type)}[])`;
}

/**
 * The queue's filters as SQL over `fulfilment f` (also what the CSV export filters with). The
 * default (pending, oldest first) is the index fulfilment(review_status, first_delivery_at, id) read
 * in order; campaign, unit and has_issues have indexes led by the same columns.
 */
export function fulfilmentConditions(search: Pick<FulfilmentsSearch, "filters" | "q">): Prisma.Sql {
  const conds: Prisma.Sql[] = [];
  const { review_status, sync_state, unit, promoter, campaign, has_issues } = search.filters;
  if (review_status.length > 0) conds.push(oneOf(Prisma.raw("f.review_status"), review_status, "review_status"));
  if (sync_state.length > 0) conds.push(oneOf(Prisma.raw("f.sync_state"), sync_state, "sync_state"));
  if (unit.length > 0) conds.push(oneOf(Prisma.raw("f.unit"), unit, "text"));
  if (promoter.length > 0) conds.push(oneOf(Prisma.raw("f.promoter_id"), promoter, "bigint"));
  if (campaign.length > 0) conds.push(oneOf(Prisma.raw("f.campaign_id"), campaign, "bigint"));
  // Both values selected is no filter.
  if (has_issues.length === 1) conds.push(has_issues[0] === "yes" ? Prisma.sql`f.has_issues` : Prisma.sql`NOT f.has_issues`);
  const term = classifyFulfilmentSearch(search.q);
  if (term?.kind === "id") conds.push(Prisma.sql`f.id = ${term.id}::bigint`);
  if (term?.kind === "email") {
    conds.push(Prisma.sql`f.promoter_id IN (SELECT sp.id FROM promoter sp WHERE lower(sp.email) LIKE ${likePrefix(term.prefix)})`);
  }
  return conds.length > 0 ? Prisma.join(conds, " AND ") : Prisma.sql`TRUE`;
}

/** The rows' FROM: fulfilments with their promoter's and campaign's names and their current command (one join each, no N+1). */
export const FULFILMENT_FROM = Prisma.sql`fulfilment f
    LEFT JOIN promoter p ON p.id = f.promoter_id
    LEFT JOIN campaign c ON c.id = f.campaign_id
    LEFT JOIN fp_command fc ON fc.id = f.command_id`;

/** The select list for a FulfilmentRaw row (amounts as exact text). */
export const FULFILMENT_SELECT = Prisma.sql`f.id, f.fp_status AS "fpStatus", f.review_status::text AS "reviewStatus", f.reviewed_at AS "reviewedAt",
           f.reviewed_by AS "reviewedBy", f.review_reason AS "reviewReason", f.amount::text AS amount, f.unit, f.due_date AS "dueDate",
           f.has_issues AS "hasIssues", f.promoter_id AS "promoterId", p.email AS "promoterEmail",
           NULLIF(concat_ws(' ', p.first_name, p.last_name), '') AS "promoterName", f.campaign_id AS "campaignId", c.name AS "campaignName",
           f.first_delivery_at AS "firstDeliveryAt", f.last_delivery_at AS "lastDeliveryAt", f.delivery_count AS "deliveryCount",
           f.answered_200_at AS "answered200At", f.sync_state::text AS "syncState", f.undo_until AS "undoUntil", f.fp_outcome_at AS "fpOutcomeAt", f.fp_outcome AS "fpOutcome", f.format,
           fc.id AS "cmdId", fc.kind::text AS "cmdKind", fc.state::text AS "cmdState", fc.attempts AS "cmdAttempts", fc.due_at AS "cmdDueAt",
           fc.last_error AS "cmdLastError", fc.last_sent_at AS "cmdLastSentAt", fc.batch_id AS "cmdBatchId", fc.finished_at AS "cmdFinishedAt",
           fc.settled_at AS "cmdSettledAt", fc.settled_by AS "cmdSettledBy"`;

/** The page query for a keyset (exported for the bench's EXPLAIN and the CSV export). */
export function fulfilmentListSql(where: Prisma.Sql, k: Keyset): Prisma.Sql {
  return Prisma.sql`
    SELECT ${FULFILMENT_SELECT}
    FROM ${FULFILMENT_FROM}
    WHERE ${where} AND ${k.where}
    ORDER BY ${k.orderBy}
    ${k.limit}`;
}

export function fulfilmentKeyset(search: FulfilmentsSearch): KeysetOptions {
  const type = search.sort.id === "amount" ? "number" : "date";
  return { column: SORT_COLUMNS[search.sort.id], id: Prisma.raw("f.id"), sort: search.sort, type, cursor: search.cursor, perPage: search.perPage };
}

/** A row's position for the cursor (amounts: numeric(20,4), exact as a JSON number to 15 digits). */
export function fulfilmentCursorKey(search: Pick<FulfilmentsSearch, "sort">) {
  return (row: FulfilmentRaw): { value: CursorValue; id: string } => ({
    value: search.sort.id === "amount" ? Number(row.amount ?? "0") : cursorValue(row.firstDeliveryAt),
    id: row.id.toString(),
  });
}

/** What describeSyncState needs from a listed row. */
export function syncViewOf(r: FulfilmentRaw): SyncView {
  return {
    syncState: r.syncState,
    reviewStatus: r.reviewStatus,
    undoUntil: r.undoUntil,
    answered200At: r.answered200At,
    fpOutcomeAt: r.fpOutcomeAt,
    fpOutcome: r.fpOutcome,
    format: r.format,
    command:
      r.cmdId === null || r.cmdKind === null || r.cmdState === null
        ? null
        : {
            id: r.cmdId.toString(),
            kind: r.cmdKind,
            state: r.cmdState,
            attempts: r.cmdAttempts ?? 0,
            dueAt: r.cmdDueAt,
            lastError: r.cmdLastError,
            lastSentAt: r.cmdLastSentAt,
            batchId: r.cmdBatchId?.toString() ?? null,
            finishedAt: r.cmdFinishedAt,
            settledAt: r.cmdSettledAt,
            settledBy: r.cmdSettledBy,
          },
  };
}

export function toFulfilmentRow(r: FulfilmentRaw, now: Date): FulfilmentRow {
  const {
    cmdId: _id, cmdKind: _k, cmdState: _s, cmdAttempts: _a, cmdDueAt: _d, cmdLastError: _e, cmdLastSentAt: _l, cmdBatchId: _b,
    cmdFinishedAt: _f, cmdSettledAt: _sa, cmdSettledBy: _sb, fpOutcomeAt: _o, fpOutcome: _fo, ...row
  } = r;
  return {
    ...row,
    id: r.id.toString(),
    promoterId: r.promoterId?.toString() ?? null,
    campaignId: r.campaignId?.toString() ?? null,
    sync: describeSyncState(syncViewOf(r), now),
  };
}

/** One page of the review queue (pending, oldest first, unless the URL says otherwise), with a cheap total. */
export async function listFulfilments(prisma: PrismaClient, search: FulfilmentsSearch, now = new Date()): Promise<Page<FulfilmentRow>> {
  const where = fulfilmentConditions(search);
  const [page, total] = await Promise.all([
    fetchKeysetPage(fulfilmentKeyset(search), (k) => queryPlannedForValues<FulfilmentRaw[]>(prisma, fulfilmentListSql(where, k)), fulfilmentCursorKey(search)),
    pageTotal(prisma, { table: "fulfilment", from: Prisma.sql`fulfilment f`, where, filtered: isFiltered(search) }),
  ]);
  return { ...page, rows: page.rows.map((r) => toFulfilmentRow(r, now)), total };
}
