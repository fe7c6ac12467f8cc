"use client";

// Generic chart pieces on recharts, in the shape of shadcn/ui's chart: a container that names each
// series once (label + colour) and exposes the colour as a CSS variable, `--color-<key>`, so marks
// are filled with `var(--color-leads)` and follow the theme; plus tooltip and legend contents drawn
// with the app's tokens (bg-popover, text-muted-foreground, border), so they read in light and dark.
// Feature code builds its charts from recharts' own components inside <ChartContainer>.

import * as React from "react";
import * as Recharts from "recharts";
import type { LegendPayload, TooltipContentProps, TooltipPayloadEntry } from "recharts";
import { cn } from "@/lib/utils.ts";

/**
 * One entry per series (the key is the data key). `color` is any CSS colour, usually a variable that
 * already switches with the theme (var(--chart-1)); or `theme` gives one colour per scheme.
 */
export type ChartConfig = Record<
  string,
  { label: React.ReactNode; icon?: React.ComponentType<{ className?: string }> } & (
    | { color?: string; theme?: never }
    | { color?: never; theme: { light: string; dark: string } }
  )
>;

const ChartContext = React.createContext<{ config: ChartConfig } | null>(null);

export function useChartConfig(): ChartConfig {
  const context = React.useContext(ChartContext);
  if (!context) throw new Error("chart parts must be rendered inside <ChartContainer>");
  return context.config;
}

/** A CSS-safe key ("free_months" stays, anything odd becomes "_"), for `--color-<key>`. */
export function chartKey(key: string): string {
  return key.replace(/[^A-Za-z0-9_-]/g, "_");
}

type ContainerProps = Omit<React.ComponentProps<"div">, "children"> & {
  config: ChartConfig;
  /** A single recharts chart (BarChart, LineChart, …); it is sized to the container. */
  children: React.ReactElement;
};

/**
 * The chart's box: sizes the recharts chart to itself (give it a height or an aspect ratio through
 * className), defines `--color-<key>` for every configured series, and restyles recharts' default
 * greys (grid, axis text, cursor) with the theme's tokens.
 */
export function ChartContainer({ id, config, className, children, ...props }: ContainerProps) {
  const reactId = React.useId();
  const chartId = `chart-${chartKey(id ?? reactId)}`;
  return (
    <ChartContext.Provider value={{ config }}>
      <div
        data-slot="chart"
        data-chart={chartId}
        className={cn(
          "flex w-full justify-center text-xs",
          "[&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground [&_.recharts-cartesian-grid_line]:stroke-border",
          "[&_.recharts-curve.recharts-tooltip-cursor]:stroke-border [&_.recharts-rectangle.recharts-tooltip-cursor]:fill-muted",
          "[&_.recharts-reference-line_line]:stroke-border [&_.recharts-dot[stroke='#fff']]:stroke-transparent",
          "[&_.recharts-layer]:outline-hidden [&_.recharts-surface]:outline-hidden [&_.recharts-sector]:outline-hidden",
          className,
        )}
        {...props}
      >
        <ChartStyle id={chartId} config={config} />
        <Recharts.ResponsiveContainer>{children}</Recharts.ResponsiveContainer>
      </div>
    </ChartContext.Provider>
  );
}

/** The `--color-<key>` variables, scoped to one chart; `theme` colours switch with the colour scheme. */
export function ChartStyle({ id, config }: { id: string; config: ChartConfig }) {
  const entries = Object.entries(config);
  const vars = (scheme: "light" | "dark") =>
    entries
      .map(([key, c]) => {
        const color = c.theme ? c.theme[scheme] : c.color;
        return color ? `  --color-${chartKey(key)}: ${color};` : null;
      })
      .filter(Boolean)
      .join("\n");
  const light = vars("light");
  if (!light) return null;
  const dark = vars("dark");
  // Colours come from code (config), never from data; the scheme follows the page's (prefers-color-scheme).
  const css = `[data-chart=${id}] {\n${light}\n}\n@media (prefers-color-scheme: dark) {\n[data-chart=${id}] {\n${dark}\n}\n}`;
  return <style dangerouslySetInnerHTML={{ __html: css }} />;
}

export const ChartTooltip = Recharts.Tooltip;

/** The config entry for a tooltip/legend item: by its name key (when given), else its data key. */
function configFor(config: ChartConfig, item: { dataKey?: unknown; name?: unknown; payload?: unknown }, nameKey?: string) {
  if (nameKey && item.payload && typeof item.payload === "object") {
    const named = (item.payload as Record<string, unknown>)[nameKey];
    if (typeof named === "string" && config[named]) return { key: named, entry: config[named] };
  }
  const raw = item.dataKey ?? item.name;
  const key = typeof raw === "string" || typeof raw === "number" ? String(raw) : "value";
  return { key, entry: config[key] };
}

/** Items in the config's order (recharts sorts tooltip and legend items by name); unknown ones last. */
function inConfigOrder<T>(config: ChartConfig, items: readonly T[], keyOf: (item: T) => string): T[] {
  const order = new Map(Object.keys(config).map((k, i) => [k, i]));
  const rank = (item: T) => order.get(keyOf(item)) ?? order.size;
  return items.map((item, i) => ({ item, i })).sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i).map((x) => x.item);
}

type TooltipContentOwnProps = {
  className?: string;
  hideLabel?: boolean;
  hideIndicator?: boolean;
  indicator?: "dot" | "line";
  /** A payload field whose value names the config entry (instead of the data key). */
  nameKey?: string;
  /** The heading, from the hovered point's label (the x value). */
  formatLabel?: (label: string | number | undefined, payload: readonly TooltipPayloadEntry[]) => React.ReactNode;
  /** One item's value; default: the number in the viewer's locale. */
  formatValue?: (value: number, key: string, item: TooltipPayloadEntry) => React.ReactNode;
};

/**
 * Tooltip content: the hovered point's label, then one row per series with its colour, label and
 * value. Pass as `<ChartTooltip content={<ChartTooltipContent … />} />`; recharts adds the rest.
 */
export function ChartTooltipContent(props: TooltipContentOwnProps & Partial<TooltipContentProps>) {
  const { active, payload, label, className, hideLabel, hideIndicator, indicator = "dot", nameKey, formatLabel, formatValue } = props;
  const config = useChartConfig();
  if (!active || !payload?.length) return null;
  const items = inConfigOrder(
    config,
    payload.filter((item) => item.type !== "none" && item.value !== undefined),
    (item) => configFor(config, item, nameKey).key,
  );
  const heading = hideLabel ? null : formatLabel ? formatLabel(label, payload) : label;
  return (
    <div className={cn("grid min-w-36 gap-1.5 rounded-lg border bg-popover px-2.5 py-1.5 text-xs text-popover-foreground shadow-xl", className)}>
      {heading !== null && heading !== undefined && heading !== "" && <div className="font-medium">{heading}</div>}
      <div className="grid gap-1.5">
        {items.map((item) => {
          const { key, entry } = configFor(config, item, nameKey);
          const color = item.color ?? item.fill ?? `var(--color-${chartKey(key)})`;
          const value = typeof item.value === "number" ? item.value : Number(item.value);
          return (
            <div key={`${key}-${String(item.dataKey)}`} className="flex w-full items-center gap-2">
              {entry?.icon ? (
                <entry.icon className="size-3 text-muted-foreground" />
              ) : (
                !hideIndicator && (
                  <span
                    aria-hidden
                    className={cn("shrink-0 rounded-[2px]", indicator === "dot" ? "size-2.5" : "h-3 w-1")}
                    style={{ backgroundColor: color }}
                  />
                )
              )}
              <span className="flex-1 text-muted-foreground">{entry?.label ?? item.name}</span>
              <span className="font-mono font-medium text-foreground tabular-nums">
                {formatValue ? formatValue(value, key, item) : Number.isFinite(value) ? value.toLocaleString() : String(item.value)}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

export const ChartLegend = Recharts.Legend;

/** Legend content: a swatch and the configured label per series. Pass as `<ChartLegend content={<ChartLegendContent />} />`. */
export function ChartLegendContent({
  payload,
  className,
  nameKey,
  verticalAlign = "bottom",
}: {
  payload?: readonly LegendPayload[];
  className?: string;
  nameKey?: string;
  verticalAlign?: "top" | "middle" | "bottom";
}) {
  const config = useChartConfig();
  if (!payload?.length) return null;
  const keyOf = (item: LegendPayload) => configFor(config, { dataKey: item.dataKey, name: item.value, payload: item.payload }, nameKey);
  const items = inConfigOrder(config, payload.filter((item) => item.type !== "none"), (item) => keyOf(item).key);
  return (
    <ul className={cn("flex flex-wrap items-center justify-center gap-x-4 gap-y-1", verticalAlign === "top" ? "pb-3" : "pt-3", className)}>
      {items.map((item) => {
        const { key, entry } = keyOf(item);
        return (
          <li key={key} className="flex items-center gap-1.5 text-muted-foreground">
            {entry?.icon ? (
              <entry.icon className="size-3" />
            ) : (
              <span aria-hidden className="size-2.5 shrink-0 rounded-[2px]" style={{ backgroundColor: item.color }} />
            )}
            <span className="text-foreground">{entry?.label ?? item.value}</span>
          </li>
        );
      })}
    </ul>
  );
}
