"use client";

import { EmptyValue, LINK_CLASS } from "@/components/cell-text.tsx";
import Link from "next/link";
import { DataTableColumnHeader } from "@/components/data-table/data-table-column-header.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import { dataTableColumnHelper } from "@/lib/data-table/features.ts";
import type { EventFacets } from "@/lib/events/list-event-facets.ts";
import type { EventRow } from "@/lib/events/list-events.ts";
import { OutcomeBadge } from "@/components/outcome-badge.tsx";

const helper = dataTableColumnHelper<EventRow>();

/**
 * The events screen's columns. Ids are the URL parameters and sort keys (lib/events/search-params.ts):
 * `type`, `format`, `entity` and `outcome` filter, `occurred_at` filters by date and sorts, `received_at` sorts.
 */
export function getEventsTableColumns({ facets }: { facets: EventFacets }) {
  const approximate = facets.type.some((o) => o.approximate);
  return helper.columns([
    helper.accessor("type", {
      id: "type",
      header: "Type",
      cell: ({ row }) => <span className="font-mono text-xs">{row.original.type}</span>,
      meta: {
        label: "Type",
        variant: "multiSelect",
        options: facets.type,
        optionsNote: approximate ? "Counts over all events (estimated)" : "Counts over all events",
      },
    }),
    helper.accessor("format", {
      id: "format",
      header: "Format",
      cell: ({ row }) => (
        <span className="rounded border px-1.5 py-0.5 font-mono text-xs text-muted-foreground" title={row.original.entityType ? `v2 entity: ${row.original.entityType}` : undefined}>
          {row.original.format}
        </span>
      ),
      meta: { label: "Format", variant: "multiSelect", options: facets.format, optionsNote: "v1: the original webhooks; v2: entity events" },
    }),
    helper.accessor("entityType", {
      id: "entity",
      header: "Entity",
      cell: ({ row }) => (row.original.entityType ? <span className="font-mono text-xs">{row.original.entityType}</span> : <EmptyValue />),
      meta: { label: "Entity (v2)", variant: "multiSelect", options: facets.entity, optionsNote: "v2 events only" },
    }),
    helper.accessor("externalId", {
      id: "external_id",
      header: "Event id",
      cell: ({ row }) => (
        <Link href={`/events/${row.original.id}`} className={`font-mono text-xs tabular-nums ${LINK_CLASS}`}>
          {row.original.externalId}
        </Link>
      ),
      meta: { label: "Event id" },
    }),
    helper.accessor("status", {
      id: "outcome",
      header: "Outcome",
      cell: ({ row }) => <OutcomeBadge outcome={row.original.status} />,
      meta: { label: "Outcome", variant: "multiSelect", options: facets.outcome, optionsNote: "Counts over all events" },
    }),
    helper.accessor("error", {
      id: "error",
      header: "Error",
      cell: ({ row }) =>
        row.original.error ? (
          <span className="block max-w-xs truncate text-destructive" title={row.original.error}>
            {row.original.error}
          </span>
        ) : (
          <EmptyValue />
        ),
      meta: { label: "Error" },
    }),
    helper.accessor("occurredAt", {
      id: "occurred_at",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Occurred" />,
      cell: ({ row }) => <LocalTime value={row.original.occurredAt} />,
      enableSorting: true,
      meta: { label: "Occurred", variant: "dateRange" },
    }),
    helper.accessor("receivedAt", {
      id: "received_at",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Received" />,
      cell: ({ row }) => <LocalTime value={row.original.receivedAt} />,
      enableSorting: true,
      meta: { label: "Received" },
    }),
  ]);
}
