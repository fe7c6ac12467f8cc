"use client";

import { Search, X } from "lucide-react";
import { type FormEvent, type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Input } from "@/components/ui/input.tsx";
import type { DataTableController } from "@/hooks/use-data-table.ts";
import { cn } from "@/lib/utils.ts";
import { DataTableDateFilter } from "./data-table-date-filter.tsx";
import { DataTableFacetedFilter } from "./data-table-faceted-filter.tsx";
import { DataTableViewOptions } from "./data-table-view-options.tsx";

type Props<TData extends Record<string, unknown>> = {
  dataTable: DataTableController<TData>;
  /** Shows the search box (URL `q`) with this placeholder; omit for no search. */
  searchPlaceholder?: string;
  /** Accessible name of the search box (defaults to the placeholder). */
  searchLabel?: string;
  /** Extra controls at the end (export, bulk actions…). */
  children?: ReactNode;
  className?: string;
};

/**
 * Search (applied on Enter), one filter per column whose meta has a `variant` (faceted multi-select
 * or date range, in column order), Reset, and the column view options. Everything tabs in order.
 */
export function DataTableToolbar<TData extends Record<string, unknown>>({ dataTable, searchPlaceholder, searchLabel, children, className }: Props<TData>) {
  const { table } = dataTable;
  const [query, setQuery] = useState(dataTable.query);
  // Back/forward or Reset changes the URL's q under us: follow it.
  const [applied, setApplied] = useState(dataTable.query);
  if (applied !== dataTable.query) {
    setApplied(dataTable.query);
    setQuery(dataTable.query);
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    dataTable.setQuery(query);
  };
  const filterable = table.getAllLeafColumns().filter((c) => c.columnDef.meta?.variant && c.getCanFilter());

  return (
    <div role="toolbar" aria-label="Filters" aria-orientation="horizontal" className={cn("flex w-full items-start justify-between gap-2", className)}>
      <div className="flex flex-1 flex-wrap items-center gap-2">
        {searchPlaceholder && (
          <form role="search" onSubmit={submit} className="relative w-full sm:w-72">
            <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
            <Input
              type="search"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                // Clearing the box (its × or select-all + delete) drops the search at once.
                if (e.target.value === "" && dataTable.query !== "") dataTable.setQuery("");
              }}
              placeholder={searchPlaceholder}
              aria-label={searchLabel ?? searchPlaceholder}
              className="h-8 pl-8"
              maxLength={400}
              enterKeyHint="search"
            />
          </form>
        )}
        {filterable.map((column) => {
          const meta = column.columnDef.meta;
          const title = meta?.label ?? column.id;
          return meta?.variant === "dateRange" ? (
            <DataTableDateFilter key={column.id} column={column} title={title} />
          ) : (
            <DataTableFacetedFilter key={column.id} column={column} title={title} options={meta?.options ?? []} note={meta?.optionsNote} />
          );
        })}
        {dataTable.isFiltered && (
          <Button variant="ghost" size="sm" onClick={dataTable.resetFilters}>
            Reset
            <X aria-hidden />
          </Button>
        )}
      </div>
      <div className="flex items-center gap-2">
        {children}
        <DataTableViewOptions dataTable={dataTable} />
      </div>
    </div>
  );
}
