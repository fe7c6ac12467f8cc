"use client";

import { X } from "lucide-react";
import type { DataTableController } from "@/hooks/use-data-table.ts";
import type { FacetOption } from "@/lib/data-table/types.ts";

type Props<TData extends Record<string, unknown>> = {
  dataTable: DataTableController<TData>;
  /** The column (and URL parameter) whose filter values are shown, e.g. "promoter". */
  columnId: string;
  /** What the values are, e.g. "Promoter". */
  title: string;
  /** Labels for the selected values (from the server); a value without one shows as itself. */
  labels: FacetOption[];
};

/**
 * The values of a filter that has no menu (too many possible values, e.g. promoter ids arriving as
 * `?promoter=<id>` from a link) as removable chips: "Promoter: Jane Doe ×". Removing one writes the
 * URL like any filter. Renders nothing while the filter is empty.
 */
export function DataTableFilterChips<TData extends Record<string, unknown>>({ dataTable, columnId, title, labels }: Props<TData>) {
  const column = dataTable.table.getColumn(columnId);
  const value = column?.getFilterValue();
  const selected = Array.isArray(value) ? (value as string[]) : [];
  if (!column || selected.length === 0) return null;
  const labelOf = new Map(labels.map((o) => [o.value, o.label]));
  const remove = (v: string) => {
    const rest = selected.filter((s) => s !== v);
    column.setFilterValue(rest.length > 0 ? rest : undefined);
  };
  return (
    <ul aria-label={`${title} filter`} className="flex flex-wrap items-center gap-2">
      {selected.map((v) => {
        const label = labelOf.get(v) ?? v;
        return (
          <li key={v} className="inline-flex max-w-full items-center gap-1 rounded-md border bg-muted/50 py-0.5 pr-0.5 pl-2 text-xs">
            <span className="text-muted-foreground">{title}:</span>
            <span className="truncate font-medium" title={label}>
              {label}
            </span>
            <button
              type="button"
              onClick={() => remove(v)}
              aria-label={`Remove the ${title.toLowerCase()} filter ${label}`}
              className="inline-flex size-5 shrink-0 items-center justify-center rounded-sm text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
            >
              <X className="size-3.5" aria-hidden />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
