"use client";

import { useHydrated } from "@/hooks/use-hydrated.ts";
import { formatAmount } from "@/lib/format/amount.ts";

/**
 * An amount in its unit (cash from cents as currency, free months, %…), in the viewer's locale once
 * hydrated (en-US before, so server and hydration render the same text). `amount` is exact decimal text.
 */
export function Amount({ amount, unit, currency, className }: { amount: string | null; unit: string | null; currency: string; className?: string }) {
  const locale = useHydrated() ? undefined : "en-US";
  return <span className={className}>{formatAmount(amount, unit, { currency, locale })}</span>;
}
