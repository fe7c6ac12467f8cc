"use client";

import { use, useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table.tsx";
import { DataTableExport, type ExportColumnChoice } from "@/components/data-table/data-table-export.tsx";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar.tsx";
import { useDataTable } from "@/hooks/use-data-table.ts";
import type { TableUrlDefaults } from "@/lib/data-table/parsers.ts";
import type { Page } from "@/lib/data-table/types.ts";
import type { PromoterFacets } from "@/lib/promoters/list-promoter-facets.ts";
import type { PromoterRow } from "@/lib/promoters/list-promoters.ts";
import type { PromotersSearch } from "@/lib/promoters/search-params.ts";
import { getPromotersTableColumns } from "./promoters-table-columns.tsx";

type Props = {
  promises: Promise<[Page<PromoterRow>, PromoterFacets]>;
  search: PromotersSearch;
  defaults: TableUrlDefaults;
  exportColumns: ExportColumnChoice[];
};

/** The deleted column only carries its filter (a badge beside the status says it). */
const INITIAL_VISIBILITY = { deleted: false };

export function PromotersTable({ promises, search, defaults, exportColumns }: Props) {
  const [page, facets] = use(promises);
  const columns = useMemo(() => getPromotersTableColumns({ facets }), [facets]);
  const dataTable = useDataTable({ page, columns, search, defaults, getRowId: (row) => row.id, initialColumnVisibility: INITIAL_VISIBILITY });
  return (
    <DataTable
      dataTable={dataTable}
      label="Promoters"
      noun={["promoter", "promoters"]}
      toolbar={
        <DataTableToolbar
          dataTable={dataTable}
          searchPlaceholder="Email, name or ref id"
          searchLabel="Search promoters by the start of their email, name or ref id, or by promoter id"
          searchHint="Matches the start of an email, a name or a ref id, or a whole promoter id."
        >
          <DataTableExport entity="promoters" columns={exportColumns} />
        </DataTableToolbar>
      }
      emptyMessage={
        <>
          No promoters yet. They appear with the first event that names them (a sign-up, a lead, a reward); point FirstPromoter&apos;s webhook at{" "}
          <code className="font-mono">/api/webhooks/firstpromoter</code> (see the README), or run <code className="font-mono">npm run simulate</code>.
        </>
      }
    />
  );
}
