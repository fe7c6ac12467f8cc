"use client";

import { EmptyValue, LINK_CLASS } from "@/components/cell-text.tsx";
import Link from "next/link";
import { Amount } from "@/components/amount.tsx";
import { DataTableColumnHeader } from "@/components/data-table/data-table-column-header.tsx";
import { DataTablePromoterCell } from "@/components/data-table/data-table-promoter-cell.tsx";
import { getSelectColumn } from "@/components/data-table/data-table-select-column.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import { dataTableColumnHelper } from "@/lib/data-table/features.ts";
import type { FulfilmentFacets } from "@/lib/fulfilments/list-fulfilment-facets.ts";
import type { FulfilmentRow } from "@/lib/fulfilments/list-fulfilments.ts";
import { ReviewStatusBadge } from "./review-status-badge.tsx";
import { RowActions, type RowHandlers } from "./row-actions.tsx";
import { SyncStateCell } from "./sync-state-cell.tsx";

const helper = dataTableColumnHelper<FulfilmentRow>();

type Options = {
  facets: FulfilmentFacets;
  /** Admins get the select column and the row menu; viewers see neither. */
  canReview: boolean;
  handlers: RowHandlers;
  /** When the server read the page (countdowns start from it, so hydration agrees). */
  renderedAt: Date;
};

/**
 * The review queue's columns. Ids are the URL parameters and sort keys (lib/fulfilments/search-params.ts):
 * `unit`, `campaign` and `has_issues` filter through their menus (those columns start hidden; the
 * amount and sync state already show them), `promoter` filters as a chip, `first_delivery_at` and
 * `amount` sort. `review_status` has its own filter (review-status-filter.tsx). FirstPromoter's
 * status starts hidden too: it only sends fulfilments that are pending on its side.
 */
export function getFulfilmentsTableColumns({ facets, canReview, handlers, renderedAt }: Options) {
  const note = facets.unit.some((o) => o.approximate) ? "Counts over all fulfilments (estimated)" : "Counts over all fulfilments";
  const columns = helper.columns([
    helper.accessor("id", {
      id: "id",
      header: "Id",
      cell: ({ row }) => (
        <Link href={`/fulfilments/${row.original.id}`} className={`font-mono text-xs tabular-nums ${LINK_CLASS}`}>
          {row.original.id}
        </Link>
      ),
      meta: { label: "Id" },
    }),
    helper.accessor("promoterId", {
      id: "promoter",
      header: "Promoter",
      cell: ({ row, column }) => (
        <DataTablePromoterCell
          promoterId={row.original.promoterId}
          name={row.original.promoterName}
          email={row.original.promoterEmail}
          noun="fulfilments"
          onFilter={(id) => column.setFilterValue([id])}
          className="max-w-52"
        />
      ),
      meta: { label: "Promoter" },
    }),
    helper.accessor("amount", {
      id: "amount",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Amount" />,
      cell: ({ row }) => <Amount value={row.original.amount} unit={row.original.unit} />,
      enableSorting: true,
      meta: { label: "Amount", align: "end" },
    }),
    helper.accessor("unit", {
      id: "unit",
      header: "Unit",
      cell: ({ row }) => <span className="text-muted-foreground">{row.original.unit?.replaceAll("_", " ") ?? "—"}</span>,
      meta: { label: "Unit", variant: "multiSelect", options: facets.unit, optionsNote: note },
    }),
    helper.accessor("campaignName", {
      id: "campaign",
      header: "Campaign",
      cell: ({ row }) => (row.original.campaignId ? <span className="block max-w-40 truncate">{row.original.campaignName ?? `Campaign ${row.original.campaignId}`}</span> : <EmptyValue />),
      meta: { label: "Campaign", variant: "multiSelect", options: facets.campaign, optionsNote: note },
    }),
    helper.accessor("dueDate", {
      id: "due_date",
      header: "Due",
      cell: ({ row }) => <LocalTime value={row.original.dueDate} dateOnly />,
      meta: { label: "Due date", cellClassName: "whitespace-nowrap" },
    }),
    helper.accessor("fpStatus", {
      id: "fp_status",
      header: "FP status",
      cell: ({ row }) => <span className="text-muted-foreground">{row.original.fpStatus ?? "—"}</span>,
      meta: { label: "FirstPromoter status" },
    }),
    helper.accessor("reviewStatus", {
      id: "review_status",
      header: "Review",
      cell: ({ row }) => {
        const { reviewStatus, reviewedAt, reviewedBy, reviewReason } = row.original;
        return (
          <div className="max-w-40 space-y-0.5 text-xs">
            <ReviewStatusBadge status={reviewStatus} />
            {reviewedAt && (
              <>
                <p className="truncate" title={reviewedBy ?? undefined}>
                  {reviewedBy ?? "—"}
                </p>
                <p className="text-muted-foreground">
                  <LocalTime value={reviewedAt} />
                </p>
              </>
            )}
            {reviewReason && (
              <p className="truncate text-muted-foreground italic" title={reviewReason}>
                {reviewReason}
              </p>
            )}
          </div>
        );
      },
      enableColumnFilter: false,
      meta: { label: "Review (status, by, at, reason)" },
    }),
    helper.accessor("hasIssues", {
      id: "has_issues",
      header: "Delivery issues",
      cell: ({ row }) =>
        row.original.hasIssues ? (
          <span className="text-warning" title="FirstPromoter flagged has_issues: its deliveries of this fulfilment to Ledger failed">
            deliveries failed
          </span>
        ) : (
          <EmptyValue />
        ),
      meta: { label: "Delivery issues", variant: "multiSelect", options: facets.has_issues, optionsNote: note },
    }),
    helper.accessor("syncState", {
      id: "sync_state",
      header: "Sync with FirstPromoter",
      cell: ({ row }) => <SyncStateCell sync={row.original.sync} renderedAt={renderedAt} />,
      meta: { label: "Sync with FirstPromoter", variant: "multiSelect", options: facets.sync_state, optionsNote: note },
    }),
    helper.accessor("firstDeliveryAt", {
      id: "first_delivery_at",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Sent (first, last)" />,
      cell: ({ row }) => (
        <div className="text-xs whitespace-nowrap">
          <LocalTime value={row.original.firstDeliveryAt} />
          <p className="text-muted-foreground">
            <LocalTime value={row.original.lastDeliveryAt} />
          </p>
          <p className="text-muted-foreground">
            {row.original.deliveryCount.toLocaleString("en-US")} {row.original.deliveryCount === 1 ? "delivery" : "deliveries"}
          </p>
        </div>
      ),
      enableSorting: true,
      meta: { label: "Sent by FirstPromoter (first, last, how often)" },
    }),
  ]);
  if (!canReview) return columns;
  return [
    getSelectColumn<FulfilmentRow>(),
    ...columns,
    helper.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => <RowActions row={row.original} handlers={handlers} />,
      enableHiding: false,
      meta: { cellClassName: "w-10" },
    }),
  ];
}
