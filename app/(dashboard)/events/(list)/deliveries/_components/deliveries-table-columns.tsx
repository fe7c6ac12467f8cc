"use client";

import { EmptyValue, LINK_CLASS } from "@/components/cell-text.tsx";
import Link from "next/link";
import { DataTableColumnHeader } from "@/components/data-table/data-table-column-header.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import { dataTableColumnHelper } from "@/lib/data-table/features.ts";
import type { DeliveryFacets } from "@/lib/events/list-delivery-facets.ts";
import type { DeliveryRow } from "@/lib/records/delivery-row.ts";
import { OutcomeBadge, StatusCodeBadge } from "@/components/outcome-badge.tsx";

const helper = dataTableColumnHelper<DeliveryRow>();

/** The delivery log's columns; `outcome` and `status_code` filter, `received_at` sorts (lib/events/search-params.ts). */
export function getDeliveriesTableColumns({ facets }: { facets: DeliveryFacets }) {
  const note = facets.outcome.some((o) => o.approximate) ? "Counts over all deliveries (estimated)" : "Counts over all deliveries";
  return helper.columns([
    helper.accessor("receivedAt", {
      id: "received_at",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Received" />,
      cell: ({ row }) => (
        <Link href={`/events/deliveries/${row.original.id}`} className={LINK_CLASS} title="The delivery: its request, answer and body as received">
          <LocalTime value={row.original.receivedAt} />
        </Link>
      ),
      enableSorting: true,
      meta: { label: "Received" },
    }),
    helper.accessor("statusCode", {
      id: "status_code",
      header: "Status",
      cell: ({ row }) => <StatusCodeBadge code={row.original.statusCode} />,
      meta: { label: "Status code", variant: "multiSelect", options: facets.status_code, optionsNote: note },
    }),
    helper.accessor("outcome", {
      id: "outcome",
      header: "Outcome",
      cell: ({ row }) => <OutcomeBadge outcome={row.original.outcome} />,
      meta: { label: "Outcome", variant: "multiSelect", options: facets.outcome, optionsNote: note },
    }),
    helper.accessor("externalEventId", {
      id: "event",
      header: "Event id",
      cell: ({ row }) => {
        const { externalEventId, eventId } = row.original;
        if (!externalEventId) return <EmptyValue />;
        return eventId ? (
          <Link href={`/events/${eventId}`} className={`font-mono text-xs tabular-nums ${LINK_CLASS}`}>
            {externalEventId}
          </Link>
        ) : (
          <span className="font-mono text-xs tabular-nums" title="Not stored">
            {externalEventId}
          </span>
        );
      },
      meta: { label: "Event id" },
    }),
    helper.accessor("eventType", {
      id: "event_type",
      header: "Type",
      cell: ({ row }) => (row.original.eventType ? <span className="font-mono text-xs">{row.original.eventType}</span> : <EmptyValue />),
      meta: { label: "Type" },
    }),
    helper.accessor("format", {
      id: "format",
      header: "Format",
      cell: ({ row }) => <span className="rounded border px-1.5 py-0.5 font-mono text-xs text-muted-foreground">{row.original.format}</span>,
      meta: { label: "Format" },
    }),
    helper.accessor("errorCode", {
      id: "error_code",
      header: "Error code",
      cell: ({ row }) => (row.original.errorCode ? <span className="font-mono text-xs">{row.original.errorCode}</span> : <EmptyValue />),
      meta: { label: "Error code" },
    }),
    helper.accessor("reason", {
      id: "reason",
      header: "Reason",
      cell: ({ row }) =>
        row.original.reason ? (
          <span className="block max-w-xs truncate" title={row.original.reason}>
            {row.original.reason}
          </span>
        ) : (
          <EmptyValue />
        ),
      meta: { label: "Reason" },
    }),
  ]);
}
