import { z } from "zod";
import type { RawSearchParams } from "@/lib/data-table/parsers.ts";

// The overview's URL: `?period=7d|30d|90d|12m`. Anything else (missing, repeated, mis-cased, too long)
// is the default, so a hand-edited or stale link still renders.

export const OVERVIEW_PERIODS = {
  "7d": { label: "7 days", bucket: "day", buckets: 7 },
  "30d": { label: "30 days", bucket: "day", buckets: 30 },
  "90d": { label: "90 days", bucket: "day", buckets: 90 },
  // 52 whole weeks: a week is the bucket, so the period is a whole number of them (364 days).
  "12m": { label: "12 months", bucket: "week", buckets: 52 },
} as const satisfies Record<string, { label: string; bucket: "day" | "week"; buckets: number }>;

export type OverviewPeriod = keyof typeof OVERVIEW_PERIODS;
export type OverviewBucket = (typeof OVERVIEW_PERIODS)[OverviewPeriod]["bucket"];

export const PERIOD_IDS = Object.keys(OVERVIEW_PERIODS) as OverviewPeriod[];
export const DEFAULT_PERIOD: OverviewPeriod = "30d";

const periodSchema = z.enum(PERIOD_IDS as [OverviewPeriod, ...OverviewPeriod[]]).catch(DEFAULT_PERIOD);

export type OverviewSearch = { period: OverviewPeriod };

export function parseOverviewSearch(raw: RawSearchParams): OverviewSearch {
  const values = raw instanceof URLSearchParams ? raw.getAll("period") : ([] as string[]).concat(raw.period ?? []);
  // A repeated parameter is ambiguous: the default, rather than guessing which one was meant.
  return { period: values.length === 1 ? periodSchema.parse(values[0]) : DEFAULT_PERIOD };
}

/** The overview's URL for a period (the default one is the bare path, so "/" and "?period=30d" are one page). */
export function overviewHref(period: OverviewPeriod): string {
  return period === DEFAULT_PERIOD ? "/" : `/?period=${period}`;
}
