"use client";

import { Search, X } from "lucide-react";
import { type SubmitEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
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
  /** What the search matches, shown under the box ("Matches the start of an email, …"). */
  searchHint?: string;
  /** Controls before the search (e.g. the review queue's own status filter). */
  leading?: ReactNode;
  /** Extra controls at the end (export, bulk actions…). */
  children?: ReactNode;
  className?: string;
};

/** Typing pauses this long before the list is searched (each keystroke restarts the wait). */
const SEARCH_DEBOUNCE_MS = 300;

/**
 * Search (as you type, or at once on Enter), one filter per column whose meta has a `variant`
 * (faceted multi-select or date range, in column order), Reset, and the column view options.
 * Everything tabs in order and wraps onto more lines on a narrow screen (the page never scrolls sideways).
 */
export function DataTableToolbar<TData extends Record<string, unknown>>({
  dataTable,
  searchPlaceholder,
  searchLabel,
  searchHint,
  leading,
  children,
  className,
}: Props<TData>) {
  const { table } = dataTable;
  const hintId = useId();
  const [query, setQuery] = useState(dataTable.query);
  // The q this box last asked for. When the URL's q changes to it, that is our own search arriving:
  // keep what was typed since. Any other change (back/forward, Reset) is followed.
  const [sent, setSent] = useState(dataTable.query);
  const [applied, setApplied] = useState(dataTable.query);
  if (applied !== dataTable.query) {
    setApplied(dataTable.query);
    if (dataTable.query !== sent) {
      setSent(dataTable.query);
      setQuery(dataTable.query);
    }
  }

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  // Each search replaces the URL in a transition, so a newer one supersedes a request still on its way.
  const search = (value: string) => {
    clearTimeout(timer.current);
    const q = value.trim();
    if (q === sent) return;
    setSent(q);
    dataTable.setQuery(q);
  };
  // The timer runs the latest `search` (this render's URL and state), not the one of the keystroke.
  const latestSearch = useRef(search);
  useEffect(() => {
    latestSearch.current = search;
  });
  const onChange = (value: string) => {
    setQuery(value);
    clearTimeout(timer.current);
    // Clearing the box (its × or select-all + delete) drops the search at once.
    if (value.trim() === "") search(value);
    else timer.current = setTimeout(() => latestSearch.current(value), SEARCH_DEBOUNCE_MS);
  };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    search(query);
  };
  const filterable = table.getAllLeafColumns().filter((c) => c.columnDef.meta?.variant && c.getCanFilter());

  return (
    <div role="toolbar" aria-label="Filters" aria-orientation="horizontal" className={cn("flex w-full flex-wrap items-start gap-2", className)}>
      {leading}
      {/* At least 18rem before the end controls wrap to a line of their own (a phone); wider, they stay beside. */}
      <div className="flex min-w-[min(100%,18rem)] flex-1 flex-wrap items-start gap-2">
        {searchPlaceholder && (
          <div className="w-full sm:w-72">
            <form role="search" onSubmit={submit} className="relative">
              <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
              <Input
                type="search"
                value={query}
                onChange={(e) => onChange(e.target.value)}
                placeholder={searchPlaceholder}
                aria-label={searchLabel ?? searchPlaceholder}
                aria-describedby={searchHint ? hintId : undefined}
                className="h-8 pl-8"
                maxLength={400}
                enterKeyHint="search"
              />
            </form>
            {searchHint && (
              <p id={hintId} className="mt-1 px-1 text-xs text-muted-foreground">
                {searchHint}
              </p>
            )}
          </div>
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
      <div className="ml-auto flex flex-wrap items-center gap-2">
        {children}
        <DataTableViewOptions dataTable={dataTable} />
      </div>
    </div>
  );
}
