"use client";

import { use, useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table.tsx";
import { DataTableExport, type ExportColumnChoice } from "@/components/data-table/data-table-export.tsx";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar.tsx";
import { useDataTable } from "@/hooks/use-data-table.ts";
import type { ActivityFacets } from "@/lib/audit/list-audit-facets.ts";
import type { AuditRow } from "@/lib/audit/list-audit.ts";
import type { ActivitySearch } from "@/lib/audit/search-params.ts";
import type { TableUrlDefaults } from "@/lib/data-table/parsers.ts";
import type { Page } from "@/lib/data-table/types.ts";
import { getActivityTableColumns } from "./activity-table-columns.tsx";

type Props = { promises: Promise<[Page<AuditRow>, ActivityFacets]>; search: ActivitySearch; defaults: TableUrlDefaults; exportColumns: ExportColumnChoice[] };

export function ActivityTable({ promises, search, defaults, exportColumns }: Props) {
  const [page, facets] = use(promises);
  const columns = useMemo(() => getActivityTableColumns({ facets }), [facets]);
  const dataTable = useDataTable({ page, columns, search, defaults, getRowId: (row) => row.id });
  return (
    <DataTable
      dataTable={dataTable}
      label="Activity"
      noun={["entry", "entries"]}
      toolbar={
        <DataTableToolbar
          dataTable={dataTable}
          searchPlaceholder="Email, action or record id"
          searchLabel="Search the audit log by the start of an email, an action or a record id"
          searchHint="Matches the start of an email, an action (e.g. fulfilment.) or a record id."
        >
          <DataTableExport entity="activity" columns={exportColumns} />
        </DataTableToolbar>
      }
      emptyMessage="Nothing recorded yet. Sign-ins, user changes, reviews and exports appear here."
    />
  );
}
