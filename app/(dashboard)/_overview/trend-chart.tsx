"use client";

import { CartesianGrid, Line, LineChart, XAxis, YAxis } from "recharts";
import { type ChartConfig, ChartContainer, ChartLegend, ChartLegendContent, ChartTooltip, ChartTooltipContent } from "@/components/charts/chart.tsx";
import type { TrendPoint } from "@/lib/overview/get-overview-trend.ts";
import { METRIC_KEYS, OVERVIEW_METRICS } from "@/lib/overview/metrics.ts";
import type { OverviewBucket } from "@/lib/overview/search-params.ts";
import { longDay, shortDay } from "./format.ts";

const config = Object.fromEntries(
  METRIC_KEYS.map((k) => [k, { label: OVERVIEW_METRICS[k].label, color: `var(--overview-${k})` }]),
) satisfies ChartConfig;

/** The four lead life-cycle counts per day (or week) as lines. */
export function TrendChart({ data, bucket }: { data: TrendPoint[]; bucket: OverviewBucket }) {
  // Dots only while they stay apart (a week of days); a line of 90 dots is noise.
  const dots = data.length <= 14;
  return (
    <ChartContainer
      config={config}
      className="h-64 sm:h-72"
      role="figure"
      aria-label={`Line chart of new leads, referrals, customers and cancellations per ${bucket}. Hover or focus the chart for each ${bucket}'s counts.`}
    >
      <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="day" tickLine={false} axisLine={false} tickMargin={8} minTickGap={24} tickFormatter={shortDay} />
        <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={40} />
        <ChartTooltip content={<ChartTooltipContent formatLabel={(label) => longDay(String(label), bucket)} />} />
        <ChartLegend content={<ChartLegendContent />} />
        {METRIC_KEYS.map((k) => (
          <Line
            key={k}
            dataKey={k}
            name={OVERVIEW_METRICS[k].label}
            type="monotone"
            stroke={`var(--color-${k})`}
            strokeWidth={2}
            dot={dots ? { r: 3, fill: `var(--color-${k})` } : false}
            activeDot={{ r: 4 }}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartContainer>
  );
}
