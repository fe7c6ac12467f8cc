"use client";

import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { type ChartConfig, ChartContainer, ChartLegend, ChartLegendContent, ChartTooltip, ChartTooltipContent } from "@/components/charts/chart.tsx";

/** A reward status as a chart series: `key` is a safe data key (s0, s1, …), the label is the status. */
export type RewardSeries = { key: string; label: string; color: string };
/** One bar per unit: the count per series key, and each series' amount already formatted on the server. */
export type RewardBar = { unit: string; amounts: Record<string, string> } & Record<string, unknown>;

/**
 * Rewards per unit as horizontal bars stacked by status (counts: amounts of different units do not
 * share an axis); the tooltip adds each status's amount.
 */
export function RewardsChart({ data, series }: { data: RewardBar[]; series: RewardSeries[] }) {
  const config: ChartConfig = Object.fromEntries(series.map((s) => [s.key, { label: s.label, color: s.color }]));
  return (
    <ChartContainer
      config={config}
      style={{ height: 56 + data.length * 40 }}
      role="figure"
      aria-label="Bar chart of rewards per unit, stacked by status. The list below gives the same counts and amounts."
    >
      <BarChart data={data} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }} barCategoryGap={8}>
        <CartesianGrid horizontal={false} />
        <XAxis type="number" allowDecimals={false} tickLine={false} axisLine={false} />
        <YAxis type="category" dataKey="unit" tickLine={false} axisLine={false} width={96} />
        <ChartTooltip
          content={
            <ChartTooltipContent
              formatValue={(value, key, item) => {
                const amount = (item.payload as RewardBar | undefined)?.amounts[key];
                return amount ? `${value.toLocaleString()} · ${amount}` : value.toLocaleString();
              }}
            />
          }
        />
        <ChartLegend content={<ChartLegendContent />} />
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stackId="status"
            fill={`var(--color-${s.key})`}
            radius={i === series.length - 1 ? [0, 4, 4, 0] : 0}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ChartContainer>
  );
}
