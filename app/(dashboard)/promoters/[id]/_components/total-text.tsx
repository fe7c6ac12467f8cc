"use client";

import { useHydrated } from "@/hooks/use-hydrated.ts";
import { formatCount } from "@/lib/data-table/format.ts";
import type { PageTotal } from "@/lib/data-table/types.ts";

/**
 * "Latest 10 of 1,234" / "All 3 leads" / "1 lead" / "Latest 10 of 10,000+", in the viewer's locale once hydrated.
 * `shown` is how many rows the section lists.
 */
export function TotalText({ shown, total, noun }: { shown: number; total: PageTotal; noun: [one: string, other: string] }) {
  const locale = useHydrated() ? undefined : "en-US";
  const count = `${formatCount(total.value, locale)}${total.capped ? "+" : ""}`;
  if (total.value === 0) return <>No {noun[1]} yet</>;
  if (total.exact && shown >= total.value) return <>{total.value === 1 ? `1 ${noun[0]}` : `All ${count} ${noun[1]}`}</>;
  return (
    <>
      Latest {shown} of {count} {noun[1]}
    </>
  );
}
