import "server-only";
import { queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { metricEventRows } from "./metric-events.ts";
import { METRIC_KEYS, OVERVIEW_METRICS, type OverviewMetric } from "./metrics.ts";
import { type OverviewQuery, periodWindow } from "./period-window.ts";

/** One bucket of the trend chart: its first day (local, 'YYYY-MM-DD') and a count per metric. */
export type TrendPoint = { day: string } & Record<OverviewMetric, number>;

/** The trend query (exported for the bench's EXPLAIN). */
export function overviewTrendSql(q: OverviewQuery): Prisma.Sql {
  const w = periodWindow(q);
  const counts = Prisma.join(
    METRIC_KEYS.map((k) => Prisma.sql`COALESCE(sum(m.w) FILTER (WHERE m.type = ${OVERVIEW_METRICS[k].type}), 0)::int AS ${Prisma.raw(`"${k}"`)}`),
    ", ",
  );
  const columns = Prisma.join(
    METRIC_KEYS.map((k) => Prisma.raw(`COALESCE(c."${k}", 0) AS "${k}"`)),
    ", ",
  );
  // generate_series gives every bucket, so days without events are zeros rather than gaps.
  return Prisma.sql`
    WITH buckets AS (
      SELECT generate_series(${w.firstBucket}, ${w.lastBucket}, ${w.step}) AS bucket
    ), counts AS (
      SELECT ${w.bucketOf(Prisma.sql`m.occurred_at`)} AS bucket, ${counts}
      FROM ${metricEventRows(w.start, w.end)} m
      GROUP BY 1
    )
    SELECT ${w.dayOf(Prisma.sql`b.bucket`)} AS day, ${columns}
    FROM buckets b LEFT JOIN counts c ON c.bucket = b.bucket
    ORDER BY b.bucket`;
}

/** The four counts per day (per week for 12m) over the period, in the query's time zone. */
export function getOverviewTrend(prisma: PrismaClient, q: OverviewQuery): Promise<TrendPoint[]> {
  return queryPlannedForValues<TrendPoint[]>(prisma, overviewTrendSql(q));
}
