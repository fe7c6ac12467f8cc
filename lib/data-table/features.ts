import {
  columnFilteringFeature,
  columnVisibilityFeature,
  createColumnHelper,
  metaHelper,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
} from "@tanstack/react-table";
import type { DataTableColumnMeta } from "./types.ts";

/**
 * The TanStack Table v9 features every Ledger list uses. No client row models are registered: the
 * server filters, sorts and paginates (the table runs in manual mode), so sorting and filtering here
 * are only state (mirrored to the URL) and row selection is opt-in per table (useDataTable's
 * `enableRowSelection`). Module scope: v9 needs a stable features object.
 */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  columnVisibilityFeature,
  rowSelectionFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;

/** Column helper for an entity's columns: `const helper = dataTableColumnHelper<EventRow>()`. */
export function dataTableColumnHelper<TData extends Record<string, unknown>>() {
  return createColumnHelper<DataTableFeatures, TData>();
}
