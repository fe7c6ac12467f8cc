import "server-only";
import { cursorValue, fetchKeysetPage, type Keyset, type KeysetOptions, pageTotal, queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { isFiltered } from "@/lib/data-table/parsers.ts";
import type { CursorValue, Page } from "@/lib/data-table/types.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { classifyEventSearch, type EventFormat, type EventOutcome, type EventsSearch, FORMAT_SOURCE } from "./search-params.ts";

export type EventRow = {
  id: string;
  externalId: string;
  type: string;
  /** v1 (fulfilment_pending & co.) or v2 (entity.verb). */
  format: EventFormat;
  /** v2's entity type as stored (lower-case, no underscores); null for v1. */
  entityType: string | null;
  status: EventOutcome;
  /** The first 300 characters; the detail page shows it whole. */
  error: string | null;
  occurredAt: Date;
  receivedAt: Date;
};

export type EventRaw = Omit<EventRow, "id"> & { id: bigint };

/** A row's position for the cursor: the sorted date, then the id. */
export function eventCursorKey(search: Pick<EventsSearch, "sort">) {
  return (row: EventRaw): { value: CursorValue; id: string } => ({
    value: cursorValue(search.sort.id === "occurred_at" ? row.occurredAt : row.receivedAt),
    id: row.id.toString(),
  });
}

/** Event sources the external-id search looks in (the unique index is on (source, external_id)). */
const SOURCES = Object.values(FORMAT_SOURCE);

const SORT_COLUMNS = { received_at: Prisma.raw("e.received_at"), occurred_at: Prisma.raw("e.occurred_at") } as const;

/**
 * The conditions for the events screen's filters. Raw SQL rather than a Prisma `where`: the search
 * reaches into the payload through expression indexes (see the migration `events_list_indexes`),
 * which a Prisma JSON filter would not match.
 */
export function eventConditions(search: Pick<EventsSearch, "filters" | "q">): Prisma.Sql {
  const conds: Prisma.Sql[] = [];
  const { type, outcome, format, entity, occurred_at } = search.filters;
  if (format.length > 0) conds.push(Prisma.sql`e.source = ANY(${format.map((f) => FORMAT_SOURCE[f])}::text[])`);
  if (entity.length > 0) conds.push(Prisma.sql`e.entity_type = ANY(${entity}::text[])`);
  if (type.length > 0) conds.push(Prisma.sql`e.type = ANY(${type}::text[])`);
  if (outcome.length > 0) conds.push(Prisma.sql`e.status = ANY(${outcome}::event_status[])`);
  if (occurred_at?.from != null) conds.push(Prisma.sql`e.occurred_at >= ${new Date(occurred_at.from)}`);
  if (occurred_at?.to != null) conds.push(Prisma.sql`e.occurred_at < ${new Date(occurred_at.to)}`);
  const term = classifyEventSearch(search.q);
  if (term?.kind === "email") {
    // Where FirstPromoter puts emails: the lead's own (lead events), the promoter's, a reward's lead.
    // The indexes hold a 254-character prefix (migration bounded_text_indexes); the second comparison
    // keeps the match exact for longer values.
    const email = (path: string) => Prisma.sql`(left(lower(e.payload #>> ${Prisma.raw(`'${path}'`)}), 254) = left(${term.email}, 254)
      AND lower(e.payload #>> ${Prisma.raw(`'${path}'`)}) = ${term.email})`;
    conds.push(Prisma.sql`(${email("{data,email}")} OR ${email("{data,promoter,email}")} OR ${email("{data,lead,email}")})`);
  } else if (term?.kind === "number") {
    // Every event type carries its promoter as data.promoter (ignored and failed events included).
    conds.push(Prisma.sql`((e.source = ANY(${SOURCES}::text[]) AND e.external_id = ${term.value})
      OR (left(e.payload #>> '{data,promoter,id}', 40) = ${term.value} AND (e.payload #>> '{data,promoter,id}') = ${term.value}))`);
  } else if (term?.kind === "externalId") {
    conds.push(Prisma.sql`(e.source = ANY(${SOURCES}::text[]) AND e.external_id = ${term.value})`);
  }
  return conds.length > 0 ? Prisma.join(conds, " AND ") : Prisma.sql`TRUE`;
}

/** The page query for a keyset (exported for the bench's EXPLAIN). */
export function eventListSql(where: Prisma.Sql, k: Keyset): Prisma.Sql {
  return Prisma.sql`
    SELECT e.id, e.external_id AS "externalId", e.type, CASE e.source WHEN 'firstpromoter_v2' THEN 'v2' ELSE 'v1' END AS format,
           e.entity_type AS "entityType", e.status::text AS status, left(e.error, 300) AS error,
           e.occurred_at AS "occurredAt", e.received_at AS "receivedAt"
    FROM webhook_event e
    WHERE ${where} AND ${k.where}
    ORDER BY ${k.orderBy}
    ${k.limit}`;
}

export function eventKeyset(search: EventsSearch): KeysetOptions {
  return { column: SORT_COLUMNS[search.sort.id], id: Prisma.raw("e.id"), sort: search.sort, type: "date", cursor: search.cursor, perPage: search.perPage };
}

/** One page of the events screen, newest first by default, with a cheap total (see pageTotal). */
export async function listEvents(prisma: PrismaClient, search: EventsSearch): Promise<Page<EventRow>> {
  const where = eventConditions(search);
  const [page, total] = await Promise.all([
    fetchKeysetPage(
      eventKeyset(search),
      (k) => queryPlannedForValues<EventRaw[]>(prisma, eventListSql(where, k)),
      eventCursorKey(search),
    ),
    pageTotal(prisma, { table: "webhook_event", from: Prisma.sql`webhook_event e`, where, filtered: isFiltered(search) }),
  ]);
  return { ...page, rows: page.rows.map((r) => ({ ...r, id: r.id.toString() })), total };
}
