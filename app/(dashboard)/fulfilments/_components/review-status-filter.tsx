"use client";

import type { Column } from "@tanstack/react-table";
import { usePathname, useSearchParams } from "next/navigation";
import { DataTableFacetedFilter } from "@/components/data-table/data-table-faceted-filter.tsx";
import type { DataTableController } from "@/hooks/use-data-table.ts";
import type { DataTableFeatures } from "@/lib/data-table/features.ts";
import type { FacetOption } from "@/lib/data-table/types.ts";
import { withParams } from "@/lib/data-table/url.ts";
import type { FulfilmentRow } from "@/lib/fulfilments/list-fulfilments.ts";
import { type ReviewStatus, reviewStatusParam } from "@/lib/fulfilments/search-params.ts";

type Props = { dataTable: DataTableController<FulfilmentRow>; selected: ReviewStatus[]; options: FacetOption[] };

/**
 * The review-status filter. It looks and works like the other faceted filters, but its empty
 * selection is not "no parameter": no parameter is the queue's default (pending), so clearing it
 * writes `review_status=all` (see lib/fulfilments/search-params.ts). The generic table writes an
 * empty filter as a missing parameter, so this one filter is kept out of the table's state and the
 * menu is driven through a two-method stand-in for a column (all DataTableFacetedFilter reads).
 */
export function ReviewStatusFilter({ dataTable, selected, options }: Props) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const column = {
    getFilterValue: () => selected,
    setFilterValue: (value: unknown) => {
      const next = Array.isArray(value) ? value.map(String) : [];
      dataTable.pager.go(`${pathname}${withParams(searchParams.toString(), { review_status: reviewStatusParam(next), cursor: null })}`);
    },
  } as unknown as Column<DataTableFeatures, FulfilmentRow>;
  return (
    <DataTableFacetedFilter
      column={column}
      title="Review status"
      options={options}
      note={selected.length === 0 ? "All statuses (none picked). The queue opens on pending." : "Pick none for all statuses. The queue opens on pending."}
    />
  );
}
