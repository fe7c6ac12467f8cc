import { db } from "@/lib/db/index.ts";
import { getOverviewTrend } from "@/lib/overview/get-overview-trend.ts";
import { METRIC_KEYS } from "@/lib/overview/metrics.ts";
import type { OverviewQuery } from "@/lib/overview/period-window.ts";
import { OVERVIEW_PERIODS } from "@/lib/overview/search-params.ts";
import { TrendChart } from "./trend-chart.tsx";

/** Queries the trend on the server and hands the chart plain rows ({ day, leads, … }). */
export async function TrendSection({ q }: { q: OverviewQuery }) {
  const data = await getOverviewTrend(db().prisma, q);
  if (data.every((p) => METRIC_KEYS.every((k) => p[k] === 0))) {
    return <p className="py-10 text-center text-sm text-muted-foreground">No lead sign-ups, referrals, customers or cancellations in this period.</p>;
  }
  return <TrendChart data={data} bucket={OVERVIEW_PERIODS[q.period].bucket} />;
}
