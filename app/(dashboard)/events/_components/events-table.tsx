"use client";

import { use, useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table.tsx";
import { DataTableExport, type ExportColumnChoice } from "@/components/data-table/data-table-export.tsx";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar.tsx";
import { useDataTable } from "@/hooks/use-data-table.ts";
import type { TableUrlDefaults } from "@/lib/data-table/parsers.ts";
import type { Page } from "@/lib/data-table/types.ts";
import type { EventFacets } from "@/lib/events/list-event-facets.ts";
import type { EventRow } from "@/lib/events/list-events.ts";
import type { EventsSearch } from "@/lib/events/search-params.ts";
import { getEventsTableColumns } from "./events-table-columns.tsx";

type Props = { promises: Promise<[Page<EventRow>, EventFacets]>; search: EventsSearch; defaults: TableUrlDefaults; exportColumns: ExportColumnChoice[] };

/** The entity column carries its filter; the type (commission.updated) already names it. "View" shows it. */
const INITIAL_VISIBILITY = { entity: false };

export function EventsTable({ promises, search, defaults, exportColumns }: Props) {
  const [page, facets] = use(promises);
  const columns = useMemo(() => getEventsTableColumns({ facets }), [facets]);
  const dataTable = useDataTable({ page, columns, search, defaults, getRowId: (row) => row.id, initialColumnVisibility: INITIAL_VISIBILITY });
  return (
    <DataTable
      dataTable={dataTable}
      label="Events"
      noun={["event", "events"]}
      toolbar={
        <DataTableToolbar
          dataTable={dataTable}
          searchPlaceholder="Event id, email or promoter id"
          searchLabel="Search events by event id, email or promoter id"
          searchHint="Matches a whole event id, email or promoter id."
        >
          <DataTableExport entity="events" columns={exportColumns} />
        </DataTableToolbar>
      }
      emptyMessage={
        <>
          No events yet. Point FirstPromoter&apos;s webhook at <code className="font-mono">/api/webhooks/firstpromoter</code> (v1) or{" "}
          <code className="font-mono">/api/webhooks/firstpromoter/v2</code> (v2; see the README), or
          run <code className="font-mono">npm run simulate</code>.
        </>
      }
    />
  );
}
