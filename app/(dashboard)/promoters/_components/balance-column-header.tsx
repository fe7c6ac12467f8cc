"use client";

import type { Column, Table } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown, EyeOff } from "lucide-react";
import { Fragment } from "react";
import { Button } from "@/components/ui/button.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu.tsx";
import type { DataTableFeatures } from "@/lib/data-table/features.ts";
import { BALANCE_SORTS, BALANCE_UNITS, type BalanceKind, balanceSortKey, unitLabel } from "@/lib/promoters/balance-units.ts";
import { cn } from "@/lib/utils.ts";

type Props<TData extends Record<string, unknown>, TValue> = {
  table: Table<DataTableFeatures, TData>;
  column: Column<DataTableFeatures, TData, TValue>;
  kind: BalanceKind;
  title: string;
  className?: string;
};

/** The balance sort in effect for this kind, if any: which unit, which way. */
export function balanceSortOf(sorting: { id: string; desc: boolean }[], kind: BalanceKind): { unit: string; desc: boolean } | null {
  const first = sorting[0];
  const key = first ? BALANCE_SORTS.get(first.id) : undefined;
  return first && key && key.kind === kind ? { unit: key.unit, desc: first.desc } : null;
}

/**
 * The header of a balance column (one kind, every unit in the cells): a menu to sort by this kind in
 * any known unit, either way, or hide the column. The column holds several units, so unlike
 * DataTableColumnHeader the sort key is `<unit>_<kind>` rather than the column id; it goes through
 * the table's sorting state, hence the URL, like any other sort.
 */
export function BalanceColumnHeader<TData extends Record<string, unknown>, TValue>({ table, column, kind, title, className }: Props<TData, TValue>) {
  const sorted = balanceSortOf(table.store.state.sorting, kind);
  const Icon = !sorted ? ChevronsUpDown : sorted.desc ? ArrowDown : ArrowUp;
  const sortBy = (unit: (typeof BALANCE_UNITS)[number], desc: boolean) => table.setSorting([{ id: balanceSortKey(unit, kind), desc }]);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className={cn("-mr-3 h-8 data-[state=open]:bg-accent", className)}>
          {title}
          {sorted && <span className="font-normal text-muted-foreground">· {unitLabel(sorted.unit)}</span>}
          <Icon className="text-muted-foreground" aria-hidden />
          <span className="sr-only">
            {sorted ? `, sorted by ${unitLabel(sorted.unit)} ${sorted.desc ? "descending" : "ascending"}` : ""}. Sort options
          </span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="min-w-52">
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">Sort by {title.toLowerCase()} balance in</DropdownMenuLabel>
        {BALANCE_UNITS.map((unit, i) => (
          <Fragment key={unit}>
            {i > 0 && <DropdownMenuSeparator />}
            {([true, false] as const).map((desc) => (
              <DropdownMenuItem
                key={String(desc)}
                role="menuitemradio"
                aria-checked={sorted?.unit === unit && sorted.desc === desc}
                onSelect={() => sortBy(unit, desc)}
                className={cn(sorted?.unit === unit && sorted.desc === desc && "font-medium")}
              >
                {desc ? <ArrowDown aria-hidden /> : <ArrowUp aria-hidden />}
                {unitLabel(unit)}, {desc ? "highest first" : "lowest first"}
              </DropdownMenuItem>
            ))}
          </Fragment>
        ))}
        <DropdownMenuSeparator />
        <p className="px-2 py-1.5 text-xs text-muted-foreground">Promoters without that balance come last.</p>
        {column.getCanHide() && (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => column.toggleVisibility(false)}>
              <EyeOff aria-hidden /> Hide column
            </DropdownMenuItem>
          </>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
