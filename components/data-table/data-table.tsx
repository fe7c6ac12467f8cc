"use client";

import { SearchX } from "lucide-react";
import type * as React from "react";
import { Button } from "@/components/ui/button.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table.tsx";
import type { DataTableController } from "@/hooks/use-data-table.ts";
import { cn } from "@/lib/utils.ts";
import { DataTablePagination } from "./data-table-pagination.tsx";

type DataTableProps<TData extends Record<string, unknown>> = {
  dataTable: DataTableController<TData>;
  /** Usually a <DataTableToolbar>. */
  toolbar?: React.ReactNode;
  /** Shown above the table while rows are selected (bulk actions). */
  actionBar?: React.ReactNode;
  /** What to say when there are no rows at all (no filters applied). */
  emptyMessage?: React.ReactNode;
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
  return (
    <div className={cn("flex w-full flex-col gap-2.5", className)}>
      {toolbar}
      {actionBar && hasSelection && actionBar}
      <div className={cn("rounded-md border transition-opacity", isPending && "opacity-60")} aria-busy={isPending}>
        <Table aria-label={label}>
          <TableHeader className="bg-muted/50">
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id} className="hover:bg-transparent">
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <TableHead
                      key={header.id}
                      colSpan={header.colSpan}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={cn(header.column.columnDef.meta?.align === "end" && "text-right")}
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
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    return (
                      <TableCell key={cell.id} className={cn(meta?.align === "end" && "text-right tabular-nums", meta?.cellClassName)}>
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
      </div>
      <DataTablePagination dataTable={dataTable} noun={noun} />
    </div>
  );
}

/** No rows: either nothing matches the filters (offer to reset them) or there is nothing yet. */
export function DataTableEmpty({ filtered, onReset, message }: { filtered: boolean; onReset?: () => void; message?: React.ReactNode }) {
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
