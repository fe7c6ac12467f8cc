import "server-only";
import { cursorValue, fetchKeysetPage, type Keyset, type KeysetOptions, pageTotal, queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { isFiltered } from "@/lib/data-table/parsers.ts";
import type { CursorValue, Page } from "@/lib/data-table/types.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { type DeliveryRaw, type DeliveryRow, toDeliveryRow } from "@/lib/records/delivery-row.ts";
import type { DeliveriesSearch } from "./search-params.ts";

/** For lib/events/export-deliveries.ts, which imports it from here. */
export type { DeliveryRaw };

/** A row's position for the cursor: when it was received, then the id. */
export function deliveryCursorKey(row: DeliveryRaw): { value: CursorValue; id: string } {
  return { value: cursorValue(row.receivedAt), id: row.id.toString() };
}

export function deliveryConditions(search: Pick<DeliveriesSearch, "filters">): Prisma.Sql {
  const conds: Prisma.Sql[] = [];
  const { outcome, status_code } = search.filters;
  if (outcome.length > 0) conds.push(Prisma.sql`d.outcome = ANY(${outcome}::text[])`);
  if (status_code.length > 0) conds.push(Prisma.sql`d.status_code = ANY(${status_code.map(Number)}::int[])`);
  return conds.length > 0 ? Prisma.join(conds, " AND ") : Prisma.sql`TRUE`;
}

/** The page query for a keyset (exported for the bench's EXPLAIN). */
export function deliveryListSql(where: Prisma.Sql, k: Keyset): Prisma.Sql {
  return Prisma.sql`
    SELECT d.id, d.received_at AS "receivedAt", d.status_code AS "statusCode", d.outcome, d.error_code AS "errorCode",
           left(d.reason, 300) AS reason, d.external_event_id AS "externalEventId", d.event_type AS "eventType",
           -- A refused delivery has no event row of its own; link the event when another copy was stored.
           COALESCE(d.event_id, (SELECT e.id FROM webhook_event e
             WHERE e.source = CASE d.format WHEN 'v2' THEN 'firstpromoter_v2' ELSE 'firstpromoter' END
               AND e.external_id = d.external_event_id)) AS "eventId",
           d.body_bytes AS "bodyBytes", d.format
    FROM webhook_delivery d
    WHERE ${where} AND ${k.where}
    ORDER BY ${k.orderBy}
    ${k.limit}`;
}

export function deliveryKeyset(search: DeliveriesSearch): KeysetOptions {
  return { column: Prisma.raw("d.received_at"), id: Prisma.raw("d.id"), sort: search.sort, type: "date", cursor: search.cursor, perPage: search.perPage };
}

/** One page of the delivery log (every POST, rejected ones included), newest first. */
export async function listDeliveries(prisma: PrismaClient, search: DeliveriesSearch): Promise<Page<DeliveryRow>> {
  const where = deliveryConditions(search);
  const [page, total] = await Promise.all([
    fetchKeysetPage(
      deliveryKeyset(search),
      (k) => queryPlannedForValues<DeliveryRaw[]>(prisma, deliveryListSql(where, k)),
      deliveryCursorKey,
    ),
    pageTotal(prisma, { table: "webhook_delivery", from: Prisma.sql`webhook_delivery d`, where, filtered: isFiltered({ q: "", filters: search.filters }) }),
  ]);
  return { ...page, rows: page.rows.map(toDeliveryRow), total };
}
