"use client";

import { use, useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table.tsx";
import { DataTableExport, type ExportColumnChoice } from "@/components/data-table/data-table-export.tsx";
import { DataTableFilterChips } from "@/components/data-table/data-table-filter-chips.tsx";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar.tsx";
import { useDataTable } from "@/hooks/use-data-table.ts";
import type { TableUrlDefaults } from "@/lib/data-table/parsers.ts";
import type { Page } from "@/lib/data-table/types.ts";
import type { PayoutFacets } from "@/lib/payouts/list-payout-facets.ts";
import type { PayoutRow } from "@/lib/payouts/list-payouts.ts";
import type { PayoutsSearch } from "@/lib/payouts/search-params.ts";
import { getPayoutsTableColumns } from "./payouts-table-columns.tsx";

type Props = { promises: Promise<[Page<PayoutRow>, PayoutFacets]>; search: PayoutsSearch; defaults: TableUrlDefaults; exportColumns: ExportColumnChoice[] };

/** The deleted column only carries its filter; Paid is in the payout's page. */
const INITIAL_VISIBILITY = { deleted: false, paid_at: false };

export function PayoutsTable({ promises, search, defaults, exportColumns }: Props) {
  const [page, facets] = use(promises);
  const columns = useMemo(() => getPayoutsTableColumns({ facets }), [facets]);
  const dataTable = useDataTable({ page, columns, search, defaults, getRowId: (row) => row.id, initialColumnVisibility: INITIAL_VISIBILITY });
  return (
    <DataTable
      dataTable={dataTable}
      label="Payouts"
      noun={["payout", "payouts"]}
      toolbar={
        <>
          <DataTableToolbar
            dataTable={dataTable}
            searchPlaceholder="Promoter email or payout id"
            searchLabel="Search payouts by the promoter's email or the payout id"
            searchHint="Matches the start of the promoter's email, or a whole payout id."
          >
            <DataTableExport entity="payouts" columns={exportColumns} />
          </DataTableToolbar>
          <DataTableFilterChips dataTable={dataTable} columnId="promoter" title="Promoter" labels={facets.promoter} />
        </>
      }
      emptyMessage={
        <>
          No payouts. FirstPromoter&apos;s v2 webhooks send <code className="font-mono">payout.*</code> events (point a v2 subscription at{" "}
          <code className="font-mono">/api/webhooks/firstpromoter/v2</code>); v1 sends none that Ledger projects.
        </>
      }
    />
  );
}
