"use client";

import { type ColumnFiltersState, functionalUpdate, type Row, type SortingState, type Updater, useTable } from "@tanstack/react-table";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState, useTransition } from "react";
import { type DataTableFeatures, dataTableFeatures } from "@/lib/data-table/features.ts";
import type { TableUrlDefaults } from "@/lib/data-table/parsers.ts";
import type { Page, TableSearch } from "@/lib/data-table/types.ts";
import { filterParam, sortParam, withParams } from "@/lib/data-table/url.ts";

// Sorting is opt-in per column (only allow-listed keys set enableSorting: true). Module scope: a new
// object per render would rebuild the column models every render.
/**
 * Filtering happens on the server (manual mode): a pass-through filter function stands in for
 * TanStack's "auto" one, which is not registered (no client filter row model) and warns in dev.
 */
const DEFAULT_COLUMN = { enableSorting: false, filterFn: () => true } as const;

export type UseDataTableOptions<TData extends Record<string, unknown>> = {
  /** The server's page: rows, cursors and total (from lib/<entity>/list-*.ts). */
  page: Page<TData>;
  /** Keep stable (module scope or useMemo): TanStack rebuilds its models when this changes. */
  columns: Parameters<typeof useTable<DataTableFeatures, TData>>[0]["columns"];
  /** The URL state as the server parsed it (so client and server agree on defaults). */
  search: TableSearch;
  defaults: TableUrlDefaults;
  getRowId: (row: TData) => string;
  /** Opt-in: rows get selectable (render a select column, e.g. getSelectColumn()). */
  enableRowSelection?: boolean | ((row: Row<DataTableFeatures, TData>) => boolean);
  initialColumnVisibility?: Record<string, boolean>;
};

/**
 * A TanStack Table v9 instance in manual mode whose sorting and filters live in the URL: a change
 * pushes a new URL (cursor dropped), the server page re-runs its query and streams the new rows
 * back. `isPending` is true meanwhile. Column visibility and row selection are local state; the
 * selection is cleared whenever a new page of data arrives.
 */
export function useDataTable<TData extends Record<string, unknown>>(opts: UseDataTableOptions<TData>) {
  const { page, search, defaults } = opts;
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [isPending, startTransition] = useTransition();

  const hrefWith = useCallback(
    (changes: Record<string, string | null>, opts: { keepCursor?: boolean } = {}) =>
      `${pathname}${withParams(searchParams.toString(), opts.keepCursor ? changes : { ...changes, cursor: null })}`,
    [pathname, searchParams],
  );
  // In a transition: the old rows stay (dimmed) until the new ones arrive, and a newer navigation
  // supersedes one still on its way (the router discards its answer).
  const navigate = useCallback(
    (changes: Record<string, string | null>, opts: { keepCursor?: boolean; replace?: boolean } = {}) => {
      const url = hrefWith(changes, opts);
      startTransition(() => (opts.replace ? router.replace(url, { scroll: false }) : router.push(url, { scroll: false })));
    },
    [hrefWith, router],
  );

  const sorting = useMemo<SortingState>(() => [{ id: search.sort.id, desc: search.sort.desc }], [search.sort.id, search.sort.desc]);
  const columnFilters = useMemo<ColumnFiltersState>(
    () => Object.entries(search.filters).flatMap(([id, value]) => (filterParam(value) === null ? [] : [{ id, value }])),
    [search.filters],
  );

  const [columnVisibility, setColumnVisibility] = useState<Record<string, boolean>>(opts.initialColumnVisibility ?? {});
  const [rowSelection, setRowSelection] = useState<Record<string, true>>({});
  // A new page (navigation, filter, refresh after an action) starts with nothing selected.
  const [selectionData, setSelectionData] = useState(page.rows);
  if (selectionData !== page.rows) {
    setSelectionData(page.rows);
    setRowSelection({});
  }

  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => navigate({ sort: sortParam(functionalUpdate(updater, sorting)[0], defaults.defaultSort) }),
    [navigate, sorting, defaults.defaultSort],
  );
  const onColumnFiltersChange = useCallback(
    (updater: Updater<ColumnFiltersState>) => {
      const next = functionalUpdate(updater, columnFilters);
      const changes: Record<string, string | null> = {};
      for (const id of Object.keys(search.filters)) changes[id] = filterParam(next.find((f) => f.id === id)?.value);
      navigate(changes);
    },
    [navigate, columnFilters, search.filters],
  );

  const table = useTable({
    features: dataTableFeatures,
    columns: opts.columns,
    data: page.rows,
    getRowId: opts.getRowId,
    manualSorting: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    defaultColumn: DEFAULT_COLUMN,
    enableRowSelection: opts.enableRowSelection ?? false,
    isRowRangeSelectionEvent: (e) => (e as { shiftKey?: boolean }).shiftKey === true,
    state: { sorting, columnFilters, columnVisibility, rowSelection },
    onSortingChange,
    onColumnFiltersChange,
    onColumnVisibilityChange: setColumnVisibility,
    onRowSelectionChange: setRowSelection,
  });

  const pager = {
    total: page.total,
    perPage: search.perPage,
    perPageOptions: defaults.perPageOptions,
    /** Real links (open in a new tab, work before hydration); a plain click navigates in a transition. */
    prevHref: page.prevCursor === null ? null : hrefWith({ cursor: page.prevCursor }, { keepCursor: true }),
    nextHref: page.nextCursor === null ? null : hrefWith({ cursor: page.nextCursor }, { keepCursor: true }),
    // A new page starts at its top (filters keep the scroll position: the toolbar stays in view).
    go: (href: string) => startTransition(() => router.push(href)),
    setPerPage: (n: number) => navigate({ perPage: n === defaults.defaultPerPage ? null : String(n) }),
  };

  return {
    table,
    isPending,
    pager,
    query: search.q,
    /** Search as you type: replaces the URL, so Back leaves the search instead of stepping through each prefix typed. */
    setQuery: (q: string) => navigate({ q: q.trim() === "" ? null : q.trim() }, { replace: true }),
    isFiltered: search.q !== "" || columnFilters.length > 0,
    resetFilters: () => navigate({ q: null, ...Object.fromEntries(Object.keys(search.filters).map((id) => [id, null])) }),
  };
}

export type DataTableController<TData extends Record<string, unknown>> = ReturnType<typeof useDataTable<TData>>;
