"use client";

import { EmptyValue, LINK_CLASS } from "@/components/cell-text.tsx";
import Link from "next/link";
import { DataTableColumnHeader } from "@/components/data-table/data-table-column-header.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import { dataTableColumnHelper } from "@/lib/data-table/features.ts";
import type { LeadFacets } from "@/lib/leads/list-lead-facets.ts";
import type { LeadRow } from "@/lib/leads/list-leads.ts";
import { LeadStateBadge, SuspicionBadge } from "./lead-badges.tsx";
import { DeletedBadge } from "@/components/deleted-badge.tsx";
import { DELETED_OPTIONS } from "@/lib/data-table/deleted-filter.ts";

const helper = dataTableColumnHelper<LeadRow>();

/** The note under a faceted filter's options: where its counts come from. */
function note(options: { approximate?: boolean; count?: number }[], what: string): string {
  if (options.every((o) => o.count === undefined)) return what;
  return options.some((o) => o.approximate) ? `${what} (counts estimated)` : what;
}

/**
 * The leads screen's columns, the email first (the column a narrow screen keeps pinned). Ids are the
 * URL parameters and sort keys (lib/leads/search-params.ts):
 * state, suspicion, promoter, campaign and plan filter; customer_since, cancelled_at and created_at
 * filter by date and sort.
 */
export function getLeadsTableColumns({ facets }: { facets: LeadFacets }) {
  return helper.columns([
    helper.accessor("email", {
      id: "email",
      header: "Email",
      cell: ({ row }) => (
        <Link href={`/leads/${row.original.id}`} className={`block max-w-44 truncate font-medium ${LINK_CLASS}`} title={row.original.email ?? undefined}>
          {row.original.email ?? <span className="font-mono text-xs tabular-nums">Lead {row.original.id}</span>}
        </Link>
      ),
      meta: { label: "Email" },
    }),
    helper.accessor("state", {
      id: "state",
      header: "State",
      cell: ({ row }) => (
        <span className="inline-flex items-center">
          <LeadStateBadge state={row.original.state} />
          <DeletedBadge deleted={row.original.deleted} />
        </span>
      ),
      meta: { label: "State", variant: "multiSelect", options: facets.state, optionsNote: note(facets.state, "Leads per state") },
    }),
    helper.accessor("suspicion", {
      id: "suspicion",
      header: "Suspicion",
      cell: ({ row }) => <SuspicionBadge suspicion={row.original.suspicion} />,
      meta: { label: "Suspicion", variant: "multiSelect", options: facets.suspicion, optionsNote: note(facets.suspicion, "Leads per suspicion") },
    }),
    helper.accessor("promoterId", {
      id: "promoter",
      header: "Promoter",
      cell: ({ row }) => {
        const { promoterId, promoterName, promoterEmail } = row.original;
        if (promoterId === null) return <EmptyValue />;
        return (
          <div className="max-w-36 leading-tight">
            <Link href={`/promoters/${promoterId}`} className={`block truncate ${LINK_CLASS}`} title={promoterEmail ?? undefined}>
              {promoterName ?? promoterEmail ?? `Promoter ${promoterId}`}
            </Link>
            {promoterName && promoterEmail && <span className="block truncate text-xs text-muted-foreground">{promoterEmail}</span>}
          </div>
        );
      },
      meta: {
        label: "Promoter",
        variant: "multiSelect",
        options: facets.promoter,
        optionsNote: "Promoters with the most leads; any other from its page",
      },
    }),
    helper.accessor("campaignId", {
      id: "campaign",
      header: "Promotion",
      cell: ({ row }) => {
        const { promotionId, refId, campaignName } = row.original;
        if (promotionId === null) return <EmptyValue />;
        return (
          <div className="max-w-36 leading-tight">
            <span className="block truncate font-mono text-xs" title={`Promotion ${promotionId}`}>
              {refId ?? promotionId}
            </span>
            <span className="block truncate text-xs text-muted-foreground">{campaignName ?? "—"}</span>
          </div>
        );
      },
      meta: { label: "Campaign", variant: "multiSelect", options: facets.campaign, optionsNote: note(facets.campaign, "Leads per campaign") },
    }),
    helper.accessor("planName", {
      id: "plan",
      header: "Plan",
      cell: ({ row }) => row.original.planName ?? <EmptyValue />,
      meta: { label: "Plan", variant: "multiSelect", options: facets.plan, optionsNote: note(facets.plan, "Customers per plan") },
    }),
    helper.accessor("customerSince", {
      id: "customer_since",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Customer since" />,
      cell: ({ row }) => <LocalTime value={row.original.customerSince} dateOnly />,
      enableSorting: true,
      meta: { label: "Customer since", variant: "dateRange", cellClassName: "whitespace-nowrap" },
    }),
    helper.accessor("cancelledAt", {
      id: "cancelled_at",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Cancelled" />,
      cell: ({ row }) => <LocalTime value={row.original.cancelledAt} dateOnly />,
      enableSorting: true,
      meta: { label: "Cancelled", variant: "dateRange", cellClassName: "whitespace-nowrap" },
    }),
    helper.accessor("createdAt", {
      id: "created_at",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Created" />,
      cell: ({ row }) => <LocalTime value={row.original.createdAt} dateOnly />,
      enableSorting: true,
      meta: { label: "Created", variant: "dateRange", cellClassName: "whitespace-nowrap" },
    }),
    helper.accessor("deleted", {
      id: "deleted",
      header: "Deleted",
      cell: ({ row }) => (row.original.deleted ? "yes" : "no"),
      meta: { label: "Deleted", variant: "multiSelect", options: DELETED_OPTIONS, optionsNote: "Deleted in FirstPromoter (v2) are left out unless chosen here" },
    }),
  ]);
}
