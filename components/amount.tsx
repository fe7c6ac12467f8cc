"use client";

import { EmptyValue } from "@/components/cell-text.tsx";
import { useHydrated } from "@/hooks/use-hydrated.ts";
import { formatAmount } from "@/lib/format/amount.ts";

/**
 * An amount formatted for its unit (cash cents as currency, free months, credits, points, %) in the
 * viewer's locale. The server and the hydration pass use en-US, then the browser re-renders in its
 * own locale (as LocalTime does with time zones), so hydration never mismatches.
 */
export function Amount({ value, unit, className }: { value: string | null; unit: string | null; className?: string }) {
  const locale = useHydrated() ? undefined : "en-US";
  if (value === null) return <EmptyValue />;
  return <span className={className ?? "tabular-nums whitespace-nowrap"}>{formatAmount(value, unit, { locale })}</span>;
}
