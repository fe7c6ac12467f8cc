"use client";

import { use, useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table.tsx";
import { DataTableFilterChips } from "@/components/data-table/data-table-filter-chips.tsx";
import { DataTableExport, type ExportColumnChoice } from "@/components/data-table/data-table-export.tsx";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar.tsx";
import { useDataTable } from "@/hooks/use-data-table.ts";
import type { TableUrlDefaults } from "@/lib/data-table/parsers.ts";
import type { Page } from "@/lib/data-table/types.ts";
import type { RewardFacets } from "@/lib/rewards/list-reward-facets.ts";
import type { RewardRow } from "@/lib/rewards/list-rewards.ts";
import type { RewardsSearch } from "@/lib/rewards/search-params.ts";
import { getRewardsTableColumns } from "./rewards-table-columns.tsx";

// The rewards screen's client table: the server's page and facets, URL-driven filters, the promoter chip.

type Props = { promises: Promise<[Page<RewardRow>, RewardFacets]>; search: RewardsSearch; defaults: TableUrlDefaults; exportColumns: ExportColumnChoice[] };

/** The unit column is hidden at first: the amount column already names the unit (the filter stays). */
const INITIAL_VISIBILITY = { unit: false, deleted: false };

export function RewardsTable({ promises, search, defaults, exportColumns }: Props) {
  const [page, facets] = use(promises);
  const columns = useMemo(() => getRewardsTableColumns({ facets }), [facets]);
  const dataTable = useDataTable({ page, columns, search, defaults, getRowId: (row) => row.id, initialColumnVisibility: INITIAL_VISIBILITY });
  return (
    <DataTable
      dataTable={dataTable}
      label="Rewards"
      noun={["reward", "rewards"]}
      toolbar={
        <>
          <DataTableToolbar
            dataTable={dataTable}
            searchPlaceholder="Lead email or reward id"
            searchLabel="Search rewards by the lead's email or the reward id"
            searchHint="Matches the start of the lead's email, or a whole reward id."
          >
            <DataTableExport entity="rewards" columns={exportColumns} />
          </DataTableToolbar>
          <DataTableFilterChips dataTable={dataTable} columnId="promoter" title="Promoter" labels={facets.promoter} />
        </>
      }
      emptyMessage={
        <>
          No rewards yet. FirstPromoter sends <code className="font-mono">reward_created</code> when a referral converts; run{" "}
          <code className="font-mono">npm run simulate</code> for demo data.
        </>
      }
    />
  );
}
