"use client";

import { use, useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table.tsx";
import { DataTableExport, type ExportColumnChoice } from "@/components/data-table/data-table-export.tsx";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar.tsx";
import { useDataTable } from "@/hooks/use-data-table.ts";
import type { TableUrlDefaults } from "@/lib/data-table/parsers.ts";
import type { Page } from "@/lib/data-table/types.ts";
import type { DeliveryRow } from "@/lib/records/delivery-row.ts";
import type { DeliveryFacets } from "@/lib/events/list-delivery-facets.ts";
import type { DeliveriesSearch } from "@/lib/events/search-params.ts";
import { getDeliveriesTableColumns } from "./deliveries-table-columns.tsx";

type Props = { promises: Promise<[Page<DeliveryRow>, DeliveryFacets]>; search: DeliveriesSearch; defaults: TableUrlDefaults; exportColumns: ExportColumnChoice[] };

export function DeliveriesTable({ promises, search, defaults, exportColumns }: Props) {
  const [page, facets] = use(promises);
  const columns = useMemo(() => getDeliveriesTableColumns({ facets }), [facets]);
  const dataTable = useDataTable({ page, columns, search, defaults, getRowId: (row) => row.id, initialColumnVisibility: { event_type: false } });
  return (
    <DataTable
      dataTable={dataTable}
      label="Deliveries"
      noun={["delivery", "deliveries"]}
      toolbar={
        <DataTableToolbar dataTable={dataTable}>
          <DataTableExport entity="deliveries" columns={exportColumns} />
        </DataTableToolbar>
      }
      emptyMessage="No deliveries yet: every POST to the webhook, accepted or refused, is logged here."
    />
  );
}
