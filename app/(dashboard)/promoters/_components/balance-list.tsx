"use client";

import { EmptyValue } from "@/components/cell-text.tsx";
import { compareUnits } from "@/lib/promoters/balance-units.ts";
import type { PromoterBalance } from "@/lib/promoters/promoter-list-sql.ts";
import { cn } from "@/lib/utils.ts";
import { Amount } from "@/components/amount.tsx";

type Props = {
  balances: PromoterBalance[];
  kind: PromoterBalance["kind"];
  /** The unit the list is sorted by: emphasised, so the sort is visible in the cells. */
  sortedUnit?: string;
};

/** One kind of a promoter's balances, a line per unit (known units first); a dash when there is none. */
export function BalanceList({ balances, kind, sortedUnit }: Props) {
  const mine = balances.filter((b) => b.kind === kind).sort((a, b) => compareUnits(a.unit, b.unit));
  if (mine.length === 0) return <EmptyValue />;
  return (
    <ul className="space-y-0.5 tabular-nums">
      {mine.map((b) => (
        <li key={b.unit} className={cn("whitespace-nowrap", b.unit === sortedUnit ? "font-semibold" : Number(b.amount) === 0 && "text-muted-foreground")}>
          <Amount value={b.amount} unit={b.unit} />
        </li>
      ))}
    </ul>
  );
}
