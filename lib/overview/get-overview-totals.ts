import "server-only";
import { queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { metricEventRows } from "./metric-events.ts";
import { METRIC_EVENT_TYPES, METRIC_KEYS, OVERVIEW_METRICS, type OverviewMetric } from "./metrics.ts";
import { type OverviewQuery, periodWindow } from "./period-window.ts";

export type MetricTotal = { current: number; previous: number };
export type OverviewTotals = Record<OverviewMetric, MetricTotal> & {
  /** The current period as instants (epoch ms, `to` exclusive), for links to the events screen's occurred_at filter. */
  range: { from: number; to: number };
};

/** The totals query (exported for the bench's EXPLAIN). */
export function overviewTotalsSql(q: OverviewQuery): Prisma.Sql {
  const w = periodWindow(q);
  // Both periods in one pass over webhook_event(type, occurred_at DESC); each row is one distinct
  // event (stored once per id), and only processed ones count (see metricEventRows). One row per
  // type even without events, which also carries the period's bounds.
  return Prisma.sql`
    SELECT t.type,
           COALESCE(sum(m.w) FILTER (WHERE m.occurred_at >= ${w.start}), 0)::int AS current,
           COALESCE(sum(m.w) FILTER (WHERE m.occurred_at < ${w.previousEnd}), 0)::int AS previous,
           ${w.start} AS "from", ${w.end} AS "to"
    FROM unnest(${METRIC_EVENT_TYPES}::text[]) AS t(type)
    LEFT JOIN ${metricEventRows(w.previousStart, w.end)} m ON m.type = t.type
    GROUP BY t.type`;
}

/** New leads, referrals, customers and cancellations in the period and in the one before it. */
export async function getOverviewTotals(prisma: PrismaClient, q: OverviewQuery): Promise<OverviewTotals> {
  type Row = { type: string; current: number; previous: number; from: Date; to: Date };
  const rows = await queryPlannedForValues<Row[]>(prisma, overviewTotalsSql(q));
  const byType = new Map(rows.map((r) => [r.type, r]));
  const first = rows[0];
  if (!first) throw new Error("the totals query returned no rows");
  const totals = { range: { from: first.from.getTime(), to: first.to.getTime() } } as OverviewTotals;
  for (const key of METRIC_KEYS) {
    const row = byType.get(OVERVIEW_METRICS[key].type);
    totals[key] = { current: row?.current ?? 0, previous: row?.previous ?? 0 };
  }
  return totals;
}
