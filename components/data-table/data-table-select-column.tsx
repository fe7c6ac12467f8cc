"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { Checkbox } from "@/components/ui/checkbox.tsx";
import type { DataTableFeatures } from "@/lib/data-table/features.ts";

/**
 * The row-selection column, for tables created with `enableRowSelection` (e.g. bulk approve).
 * Checkboxes are buttons: Tab reaches them, Space toggles; Shift+click selects a range.
 */
export function getSelectColumn<TData extends Record<string, unknown>>(): ColumnDef<DataTableFeatures, TData, unknown> {
  return {
    id: "select",
    header: ({ table }) => (
      <Checkbox
        checked={table.getIsAllPageRowsSelected() || (table.getIsSomePageRowsSelected() && "indeterminate")}
        onCheckedChange={(v) => table.toggleAllPageRowsSelected(v === true)}
        aria-label="Select all rows on this page"
      />
    ),
    cell: ({ row }) => (
      <Checkbox
        checked={row.getIsSelected()}
        disabled={!row.getCanSelect()}
        // TanStack's handler reads target.checked (a Radix checkbox is a button) and, through
        // useDataTable's isRowRangeSelectionEvent, Shift for selecting a range.
        onClick={(e) => row.getToggleSelectedHandler()({ shiftKey: e.shiftKey, target: { checked: !row.getIsSelected() } })}
        aria-label={`Select row ${row.id}`}
      />
    ),
    enableSorting: false,
    enableHiding: false,
    meta: { cellClassName: "w-8" },
  };
}
