import "server-only";
import { queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { type OverviewQuery, periodWindow } from "./period-window.ts";

/** One bucket: new events stored, and deliveries refused (401/413/415/400/422/503), by when they arrived. */
export type ReceivedPoint = { day: string; events: number; rejected: number };

/** The events-received query (exported for the bench's EXPLAIN). */
export function eventsReceivedSql(q: OverviewQuery): Prisma.Sql {
  const w = periodWindow(q);
  // webhook_event(received_at DESC) and webhook_delivery(outcome, received_at DESC) give the two
  // ranges; duplicates are not events (one row per id) and accepted deliveries are their events.
  return Prisma.sql`
    WITH buckets AS (
      SELECT generate_series(${w.firstBucket}, ${w.lastBucket}, ${w.step}) AS bucket
    ), events AS (
      SELECT ${w.bucketOf(Prisma.sql`e.received_at`)} AS bucket, count(*)::int AS n
      FROM webhook_event e
      WHERE e.received_at >= ${w.start} AND e.received_at < ${w.end}
      GROUP BY 1
    ), rejected AS (
      SELECT ${w.bucketOf(Prisma.sql`d.received_at`)} AS bucket, count(*)::int AS n
      FROM webhook_delivery d
      WHERE d.outcome = 'rejected' AND d.received_at >= ${w.start} AND d.received_at < ${w.end}
      GROUP BY 1
    )
    SELECT ${w.dayOf(Prisma.sql`b.bucket`)} AS day, COALESCE(ev.n, 0) AS events, COALESCE(rj.n, 0) AS rejected
    FROM buckets b
    LEFT JOIN events ev ON ev.bucket = b.bucket
    LEFT JOIN rejected rj ON rj.bucket = b.bucket
    ORDER BY b.bucket`;
}

/** Events received and deliveries rejected per day (per week for 12m), in the query's time zone. */
export function getEventsReceived(prisma: PrismaClient, q: OverviewQuery): Promise<ReceivedPoint[]> {
  return queryPlannedForValues<ReceivedPoint[]>(prisma, eventsReceivedSql(q));
}
