"use client";

import type { ColumnDef, Row } from "@tanstack/react-table";
import { createContext, type KeyboardEvent, use } from "react";
import { Checkbox } from "@/components/ui/checkbox.tsx";
import type { DataTableFeatures } from "@/lib/data-table/features.ts";

/**
 * The row checkboxes are one tab stop (a roving tabindex): Tab reaches the focused row's checkbox
 * (the first selectable row's until one is focused), the arrow keys move between rows. DataTable
 * provides which row that is; a checkbox taking focus tells it.
 */
export const RowFocusContext = createContext<{ focusedRowId: string | null; onRowFocus: (id: string) => void }>({
  focusedRowId: null,
  onRowFocus: () => {},
});

/**
 * The row-selection column, for tables created with `enableRowSelection` (e.g. bulk approve).
 * Mouse: a click toggles, Shift+click selects the range from the last row clicked. Keyboard: Up/Down
 * move between rows, Space toggles, Shift+Space selects the range from the last row toggled, and
 * Shift+Up/Down extend the selection row by row.
 */
export function getSelectColumn<TData extends Record<string, unknown>>(): ColumnDef<DataTableFeatures, TData> {
  return {
    id: "select",
    header: ({ table }) => (
      <Checkbox
        checked={table.getIsAllPageRowsSelected() || (table.getIsSomePageRowsSelected() && "indeterminate")}
        onCheckedChange={(v) => table.toggleAllPageRowsSelected(v === true)}
        aria-label="Select all rows on this page"
      />
    ),
    cell: ({ row }) => <RowCheckbox row={row} />,
    enableSorting: false,
    enableHiding: false,
    // A fixed width: DataTable pins the next column at this offset (globals.css, "Tables").
    meta: { cellClassName: "w-8 min-w-8" },
  };
}

/** Selects `row` the way a click would: TanStack's handler reads target.checked and, for a range, shiftKey. */
function select<TData extends Record<string, unknown>>(row: Row<DataTableFeatures, TData>, checked: boolean, range: boolean) {
  row.getToggleSelectedHandler()({ shiftKey: range, target: { checked } });
}

function RowCheckbox<TData extends Record<string, unknown>>({ row }: { row: Row<DataTableFeatures, TData> }) {
  const { focusedRowId, onRowFocus } = use(RowFocusContext);

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === " ") {
      // Handled here rather than by the checkbox's own click, which would not carry Shift.
      e.preventDefault();
      if (e.shiftKey) select(row, true, true);
      else select(row, !row.getIsSelected(), false);
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const rows = row.table.getRowModel().rows.filter((r) => r.getCanSelect());
    const next = rows[rows.findIndex((r) => r.id === row.id) + (e.key === "ArrowDown" ? 1 : -1)];
    if (!next) return;
    if (e.shiftKey) {
      // Extending from an unselected row starts the range there (it becomes the anchor).
      if (!row.getIsSelected()) select(row, true, false);
      select(next, true, true);
    }
    e.currentTarget.closest("tbody")?.querySelector<HTMLElement>(`[data-row-select="${CSS.escape(next.id)}"]`)?.focus();
  };

  return (
    <Checkbox
      checked={row.getIsSelected()}
      disabled={!row.getCanSelect()}
      tabIndex={row.id === focusedRowId ? 0 : -1}
      data-row-select={row.id}
      onFocus={() => onRowFocus(row.id)}
      onClick={(e) => select(row, !row.getIsSelected(), e.shiftKey)}
      onKeyDown={onKeyDown}
      aria-label={`Select row ${row.id}`}
    />
  );
}
