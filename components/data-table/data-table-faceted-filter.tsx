"use client";

import type { Column } from "@tanstack/react-table";
import { ListFilter, PlusCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu.tsx";
import { Separator } from "@/components/ui/separator.tsx";
import { useHydrated } from "@/hooks/use-hydrated.ts";
import type { DataTableFeatures } from "@/lib/data-table/features.ts";
import { formatCount } from "@/lib/data-table/format.ts";
import type { FacetOption } from "@/lib/data-table/types.ts";

type Props<TData extends Record<string, unknown>, TValue> = {
  column: Column<DataTableFeatures, TData, TValue>;
  title: string;
  options: FacetOption[];
  note?: string;
};

/**
 * A multi-select filter for an enum-like column: a menu of checkable options (arrow keys move,
 * Space/Enter toggles and keeps the menu open, Escape closes), each with its count when the server
 * sent one. The selection is the column's filter value, written to the URL as `?<column>=a,b`.
 */
export function DataTableFacetedFilter<TData extends Record<string, unknown>, TValue>({ column, title, options, note }: Props<TData, TValue>) {
  const locale = useHydrated() ? undefined : "en-US";
  const value = column.getFilterValue();
  const selected = new Set(Array.isArray(value) ? (value as string[]) : []);
  const setSelected = (next: Set<string>) => column.setFilterValue(next.size > 0 ? [...next] : undefined);
  const toggle = (v: string) => {
    const next = new Set(selected);
    if (next.has(v)) next.delete(v);
    else next.add(v);
    setSelected(next);
  };
  const chosen = options.filter((o) => selected.has(o.value));

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" className="border-dashed">
          {selected.size > 0 ? <ListFilter aria-hidden /> : <PlusCircle aria-hidden />}
          {title}
          {selected.size > 0 && (
            <>
              <Separator orientation="vertical" className="mx-0.5 data-[orientation=vertical]:h-4" />
              {selected.size > 2 ? (
                <Badge variant="secondary" className="rounded-sm px-1 font-normal">
                  {selected.size} selected
                </Badge>
              ) : (
                chosen.map((o) => (
                  <Badge key={o.value} variant="secondary" className="rounded-sm px-1 font-normal">
                    {o.label}
                  </Badge>
                ))
              )}
            </>
          )}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="max-h-96 min-w-56 overflow-y-auto">
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">{note ?? `Filter by ${title.toLowerCase()}`}</DropdownMenuLabel>
        {options.map((o) => (
          <DropdownMenuCheckboxItem
            key={o.value}
            checked={selected.has(o.value)}
            // Keep the menu open: several values are usually picked in a row.
            onSelect={(e) => {
              e.preventDefault();
              toggle(o.value);
            }}
          >
            <span className="truncate">{o.label}</span>
            {o.count !== undefined && (
              <span className="ml-auto pl-4 font-mono text-xs text-muted-foreground tabular-nums">
                {o.approximate ? "~" : ""}
                {formatCount(o.count, locale, o.approximate)}
              </span>
            )}
          </DropdownMenuCheckboxItem>
        ))}
        {selected.size > 0 && (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => setSelected(new Set())} className="justify-center">
              Clear filter
            </DropdownMenuItem>
          </>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
