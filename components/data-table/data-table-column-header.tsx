"use client";

import type { Column } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown, EyeOff } from "lucide-react";
import { Button } from "@/components/ui/button.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu.tsx";
import type { DataTableFeatures } from "@/lib/data-table/features.ts";
import { cn } from "@/lib/utils.ts";

type Props<TData extends Record<string, unknown>, TValue> = {
  column: Column<DataTableFeatures, TData, TValue>;
  title: string;
  className?: string;
};

/**
 * A header cell's label; for a sortable column (only allow-listed sort keys set enableSorting) a
 * menu to sort either way or hide the column. Sorting changes the URL, so the server re-sorts.
 */
export function DataTableColumnHeader<TData extends Record<string, unknown>, TValue>({ column, title, className }: Props<TData, TValue>) {
  // Only sortable columns get a menu; any column can be hidden from the view options.
  if (!column.getCanSort()) return <div className={className}>{title}</div>;
  const sorted = column.getIsSorted();
  const Icon = sorted === "desc" ? ArrowDown : sorted === "asc" ? ArrowUp : ChevronsUpDown;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className={cn("-ml-3 h-8 data-[state=open]:bg-accent", className)}>
          {title}
          <Icon className="text-muted-foreground" aria-hidden />
          <span className="sr-only">
            {sorted ? `, sorted ${sorted === "desc" ? "descending" : "ascending"}` : ""}. Column options
          </span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">
        <DropdownMenuItem onSelect={() => column.toggleSorting(false)} aria-checked={sorted === "asc"} role="menuitemradio">
          <ArrowUp aria-hidden /> Ascending
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => column.toggleSorting(true)} aria-checked={sorted === "desc"} role="menuitemradio">
          <ArrowDown aria-hidden /> Descending
        </DropdownMenuItem>
        {column.getCanHide() && <DropdownMenuSeparator />}
        {column.getCanHide() && (
          <DropdownMenuItem onSelect={() => column.toggleVisibility(false)}>
            <EyeOff aria-hidden /> Hide column
          </DropdownMenuItem>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
