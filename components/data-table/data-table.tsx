"use client";

import { SearchX } from "lucide-react";
import { type CSSProperties, type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table.tsx";
import type { DataTableController } from "@/hooks/use-data-table.ts";
import { cn } from "@/lib/utils.ts";
import { DataTablePagination } from "./data-table-pagination.tsx";
import { RowFocusContext } from "./data-table-select-column.tsx";

/**
 * The select column is narrow, so the column after it is pinned too (at the select column's fixed
 * width, getSelectColumn): a phone keeps both the checkbox and what it selects in view.
 */
const PINNED_AFTER_SELECT = { "data-pinned": "", style: { "--pinned-left": "2rem" } as CSSProperties };

type DataTableProps<TData extends Record<string, unknown>> = {
  dataTable: DataTableController<TData>;
  /** Usually a <DataTableToolbar>. */
  toolbar?: ReactNode;
  /** Shown above the table while rows are selected (bulk actions). */
  actionBar?: ReactNode;
  /** What to say when there are no rows at all (no filters applied). */
  emptyMessage?: ReactNode;
  /** Accessible name of the table, e.g. "Events". */
  label: string;
  /** Singular and plural of what the rows are, for the total ("about 1.2M events"). */
  noun?: [one: string, other: string];
  className?: string;
};

/** The generic server-side table: toolbar, header, rows (or an empty state) and keyset pagination. */
export function DataTable<TData extends Record<string, unknown>>({ dataTable, toolbar, actionBar, emptyMessage, label, noun, className }: DataTableProps<TData>) {
  const { table, isPending } = dataTable;
  const rows = table.getRowModel().rows;
  const hasSelection = Object.keys(table.state.rowSelection).length > 0;
  // The row whose checkbox is the tab stop: the one last focused while it is on the page, else the first selectable.
  const [focusedRowId, setFocusedRowId] = useState<string | null>(null);
  const selectable = rows.filter((r) => r.getCanSelect());
  const rowFocus = {
    focusedRowId: (selectable.find((r) => r.id === focusedRowId) ?? selectable[0])?.id ?? null,
    onRowFocus: setFocusedRowId,
  };
  const pinSecond = table.getVisibleLeafColumns()[0]?.id === "select";
  return (
    <div className={cn("flex w-full min-w-0 flex-col gap-2.5", className)}>
      {toolbar}
      {actionBar && hasSelection && actionBar}
      <div className={cn("rounded-md border transition-opacity", isPending && "opacity-60")} aria-busy={isPending}>
        <RowFocusContext value={rowFocus}>
          <Table aria-label={label}>
            <TableHeader>
              {table.getHeaderGroups().map((group) => (
                <TableRow key={group.id} className="hover:bg-transparent">
                  {group.headers.map((header, i) => {
                    const sorted = header.column.getIsSorted();
                    return (
                      <TableHead
                        key={header.id}
                        colSpan={header.colSpan}
                        aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                        className={cn(header.column.columnDef.meta?.align === "end" && "text-right")}
                        {...(pinSecond && i === 1 ? PINNED_AFTER_SELECT : {})}
                      >
                        {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                      </TableHead>
                    );
                  })}
                </TableRow>
              ))}
            </TableHeader>
            <TableBody>
              {rows.length > 0 ? (
                rows.map((row) => (
                  <TableRow key={row.id} data-state={row.getIsSelected() ? "selected" : undefined}>
                    {row.getVisibleCells().map((cell, i) => {
                      const meta = cell.column.columnDef.meta;
                      return (
                        <TableCell
                          key={cell.id}
                          className={cn(meta?.align === "end" && "text-right tabular-nums", meta?.cellClassName)}
                          {...(pinSecond && i === 1 ? PINNED_AFTER_SELECT : {})}
                        >
                          <table.FlexRender cell={cell} />
                        </TableCell>
                      );
                    })}
                  </TableRow>
                ))
              ) : (
                <TableRow className="hover:bg-transparent">
                  <TableCell colSpan={table.getVisibleLeafColumns().length} className="p-0">
                    <DataTableEmpty filtered={dataTable.isFiltered} onReset={dataTable.resetFilters} message={emptyMessage} />
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </RowFocusContext>
      </div>
      <DataTablePagination dataTable={dataTable} noun={noun} />
    </div>
  );
}

/** No rows: either nothing matches the filters (offer to reset them) or there is nothing yet. */
export function DataTableEmpty({ filtered, onReset, message }: { filtered: boolean; onReset?: () => void; message?: ReactNode }) {
  return (
    <div role="status" className="flex flex-col items-center gap-2 px-4 py-12 text-center text-sm whitespace-normal text-muted-foreground">
      <SearchX className="size-6" aria-hidden />
      {filtered ? (
        <>
          <p className="font-medium text-foreground">Nothing matches these filters.</p>
          {onReset && (
            <Button variant="outline" size="sm" onClick={onReset}>
              Reset filters
            </Button>
          )}
        </>
      ) : (
        <div className="max-w-md">{message ?? "Nothing here yet."}</div>
      )}
    </div>
  );
}
