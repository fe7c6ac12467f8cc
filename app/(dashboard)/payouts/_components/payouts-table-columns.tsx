"use client";

import Link from "next/link";
import { EmptyValue, LINK_CLASS } from "@/components/cell-text.tsx";
import { Amount } from "@/components/amount.tsx";
import { DataTableColumnHeader } from "@/components/data-table/data-table-column-header.tsx";
import { DataTablePromoterCell } from "@/components/data-table/data-table-promoter-cell.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { dataTableColumnHelper } from "@/lib/data-table/features.ts";
import type { PayoutFacets } from "@/lib/payouts/list-payout-facets.ts";
import type { PayoutRow } from "@/lib/payouts/list-payouts.ts";
import { PayoutStatusBadge } from "./payout-status-badge.tsx";

const helper = dataTableColumnHelper<PayoutRow>();

/** A payout's period as dates in the viewer's zone (FirstPromoter sends the start and end instants). */
function Period({ start, end }: { start: Date | null; end: Date | null }) {
  if (!start && !end) return <EmptyValue />;
  return (
    <span className="whitespace-nowrap">
      {start ? <LocalTime value={start} dateOnly /> : "…"} – {end ? <LocalTime value={end} dateOnly /> : "…"}
    </span>
  );
}

/**
 * The payouts screen's columns. Ids are the URL parameters and sort keys (lib/payouts/search-params.ts):
 * `status` filters, `promoter` filters (a chip), `period` filters by its start and sorts, `amount` and
 * `created_at` sort, `deleted` (hidden) filters deleted payouts in.
 */
export function getPayoutsTableColumns({ facets }: { facets: PayoutFacets }) {
  const note = facets.status.some((o) => o.approximate) ? "Counts over all payouts (estimated)" : "Counts over all payouts";
  return helper.columns([
    helper.accessor("id", {
      id: "id",
      header: "Payout",
      cell: ({ row }) => (
        <span className="flex items-center gap-2">
          <Link href={`/payouts/${row.original.id}`} className={`font-mono text-xs tabular-nums ${LINK_CLASS}`}>
            {row.original.id}
          </Link>
          {row.original.deleted && (
            <Badge variant="outline" className="text-muted-foreground" title="Deleted in FirstPromoter">
              deleted
            </Badge>
          )}
        </span>
      ),
      meta: { label: "Payout id" },
    }),
    helper.accessor("status", {
      id: "status",
      header: "Status",
      cell: ({ row }) => <PayoutStatusBadge status={row.original.status} />,
      meta: { label: "Status", variant: "multiSelect", options: facets.status, optionsNote: note },
    }),
    helper.accessor("amount", {
      id: "amount",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Amount" />,
      cell: ({ row }) => <Amount value={row.original.amount} unit={row.original.unit} />,
      enableSorting: true,
      meta: { label: "Amount", align: "end" },
    }),
    helper.accessor("periodStart", {
      id: "period",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Period" />,
      cell: ({ row }) => <Period start={row.original.periodStart} end={row.original.periodEnd} />,
      enableSorting: true,
      meta: { label: "Period (its start)", variant: "dateRange" },
    }),
    helper.accessor("promoterId", {
      id: "promoter",
      header: "Promoter",
      cell: ({ row, column }) => (
        <DataTablePromoterCell
          promoterId={row.original.promoterId}
          name={row.original.promoterName}
          email={row.original.promoterEmail}
          noun="payouts"
          onFilter={(id) => column.setFilterValue([id])}
          className="max-w-60"
        />
      ),
      meta: { label: "Promoter" },
    }),
    helper.accessor("commissions", {
      id: "commissions",
      header: "Commissions",
      cell: ({ row }) => <span className="tabular-nums">{row.original.commissions}</span>,
      meta: { label: "Commissions linked", align: "end" },
    }),
    helper.accessor("paidAt", {
      id: "paid_at",
      header: "Paid",
      cell: ({ row }) => (row.original.paidAt ? <LocalTime value={row.original.paidAt} /> : <EmptyValue />),
      meta: { label: "Paid", cellClassName: "whitespace-nowrap" },
    }),
    helper.accessor("createdAt", {
      id: "created_at",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Created" />,
      cell: ({ row }) => <LocalTime value={row.original.createdAt} />,
      enableSorting: true,
      meta: { label: "Created", cellClassName: "whitespace-nowrap" },
    }),
    helper.accessor("deleted", {
      id: "deleted",
      header: "Deleted",
      cell: ({ row }) => (row.original.deleted ? "yes" : "no"),
      meta: { label: "Deleted", variant: "multiSelect", options: facets.deleted, optionsNote: "Deleted payouts are left out unless chosen here" },
    }),
  ]);
}
