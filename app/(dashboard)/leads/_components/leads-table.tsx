"use client";

import { use, useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table.tsx";
import { DataTableExport, type ExportColumnChoice } from "@/components/data-table/data-table-export.tsx";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar.tsx";
import { useDataTable } from "@/hooks/use-data-table.ts";
import type { TableUrlDefaults } from "@/lib/data-table/parsers.ts";
import type { Page } from "@/lib/data-table/types.ts";
import type { LeadFacets } from "@/lib/leads/list-lead-facets.ts";
import type { LeadRow } from "@/lib/leads/list-leads.ts";
import type { LeadsSearch } from "@/lib/leads/search-params.ts";
import { getLeadsTableColumns } from "./leads-table-columns.tsx";

type Props = {
  promises: Promise<[Page<LeadRow>, LeadFacets]>;
  search: LeadsSearch;
  defaults: TableUrlDefaults;
  /** The CSV export's columns (exportColumnOptions("leads")); no export button without them. */
  exportColumns?: ExportColumnChoice[];
};

/** The deleted column only carries its filter (a badge beside the status says it). */
const INITIAL_VISIBILITY = { deleted: false };

export function LeadsTable({ promises, search, defaults, exportColumns }: Props) {
  const [page, facets] = use(promises);
  const columns = useMemo(() => getLeadsTableColumns({ facets }), [facets]);
  const dataTable = useDataTable({ page, columns, search, defaults, getRowId: (row) => row.id, initialColumnVisibility: INITIAL_VISIBILITY });
  return (
    <DataTable
      dataTable={dataTable}
      label="Leads"
      noun={["lead", "leads"]}
      toolbar={
        <DataTableToolbar
          dataTable={dataTable}
          searchPlaceholder="Email, lead id or uid"
          searchLabel="Search leads by email (or its start), FirstPromoter lead id or uid"
          searchHint="Matches the start of an email, or a whole lead id or uid."
        >
          {exportColumns && <DataTableExport entity="leads" columns={exportColumns} />}
        </DataTableToolbar>
      }
      emptyMessage={
        <>
          No leads yet. They arrive with FirstPromoter&apos;s lead events (lead_signup, new_customer, …); point its webhook at{" "}
          <code className="font-mono">/api/webhooks/firstpromoter</code>, or run <code className="font-mono">npm run simulate</code>.
        </>
      }
    />
  );
}
