"use client";

import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { type ChartConfig, ChartContainer, ChartLegend, ChartLegendContent, ChartTooltip, ChartTooltipContent } from "@/components/charts/chart.tsx";
import type { ReceivedPoint } from "@/lib/overview/get-events-received.ts";
import type { OverviewBucket } from "@/lib/overview/search-params.ts";
import { longDay, shortDay } from "./format.ts";

const config = {
  events: { label: "Events received", color: "var(--overview-events)" },
  rejected: { label: "Deliveries rejected (right axis)", color: "var(--overview-rejected)" },
} satisfies ChartConfig;

/**
 * Events per day as bars, rejected deliveries beside them in the alarm colour on their own axis:
 * a handful of refusals next to hundreds of events would otherwise be invisible.
 */
export function ReceivedChart({ data, bucket }: { data: ReceivedPoint[]; bucket: OverviewBucket }) {
  const anyRejected = data.some((p) => p.rejected > 0);
  return (
    <ChartContainer
      config={config}
      className="h-64 sm:h-72"
      role="figure"
      aria-label={`Bar chart of events received and deliveries rejected per ${bucket}. Hover or focus the chart for each ${bucket}'s counts.`}
    >
      <BarChart data={data} margin={{ top: 8, right: anyRejected ? 0 : 8, bottom: 0, left: 0 }} barGap={1}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="day" tickLine={false} axisLine={false} tickMargin={8} minTickGap={24} tickFormatter={shortDay} />
        <YAxis yAxisId="events" allowDecimals={false} tickLine={false} axisLine={false} width={44} />
        <YAxis
          yAxisId="rejected"
          orientation="right"
          allowDecimals={false}
          tickLine={false}
          axisLine={false}
          width={anyRejected ? 32 : 0}
          hide={!anyRejected}
          tick={{ fill: "var(--color-rejected)" }}
        />
        <ChartTooltip content={<ChartTooltipContent formatLabel={(label) => longDay(String(label), bucket)} />} />
        <ChartLegend content={<ChartLegendContent />} />
        <Bar yAxisId="events" dataKey="events" name="Events received" fill="var(--color-events)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        <Bar yAxisId="rejected" dataKey="rejected" name="Deliveries rejected" fill="var(--color-rejected)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ChartContainer>
  );
}
