"use client";

import { EmptyValue, LINK_CLASS } from "@/components/cell-text.tsx";
import Link from "next/link";
import { Amount } from "@/components/amount.tsx";
import { DataTableColumnHeader } from "@/components/data-table/data-table-column-header.tsx";
import { DataTablePromoterCell } from "@/components/data-table/data-table-promoter-cell.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import { dataTableColumnHelper } from "@/lib/data-table/features.ts";
import type { RewardFacets } from "@/lib/rewards/list-reward-facets.ts";
import type { RewardRow } from "@/lib/rewards/list-rewards.ts";
import { RewardStatusBadge } from "./reward-status-badge.tsx";
import { DeletedBadge } from "@/components/deleted-badge.tsx";
import { DELETED_OPTIONS } from "@/lib/data-table/deleted-filter.ts";

const helper = dataTableColumnHelper<RewardRow>();

/**
 * The rewards screen's columns. Ids are the URL parameters and sort keys (lib/rewards/search-params.ts):
 * `status` and `unit` filter, `promoter` filters (shown as a chip; set by a promoter cell's button or a /rewards?promoter=<id> link),
 * `created_at` filters by date and sorts, `amount` sorts.
 */
export function getRewardsTableColumns({ facets }: { facets: RewardFacets }) {
  const approximate = facets.status.some((o) => o.approximate);
  const note = approximate ? "Counts over all rewards (estimated)" : "Counts over all rewards";
  return helper.columns([
    helper.accessor("status", {
      id: "status",
      header: "Status",
      cell: ({ row }) => (
        <span className="inline-flex items-center">
          <RewardStatusBadge status={row.original.status} />
          <DeletedBadge deleted={row.original.deleted} />
        </span>
      ),
      meta: { label: "Status", variant: "multiSelect", options: facets.status, optionsNote: note },
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
    helper.accessor("conversionAmount", {
      id: "conversion_amount",
      header: "Conversion",
      cell: ({ row }) => <Amount value={row.original.conversionAmount} unit="cash" />,
      meta: { label: "Conversion amount (the sale)", align: "end" },
    }),
    helper.accessor("tierLevel", {
      id: "tier",
      header: "Tier",
      cell: ({ row }) => (row.original.tierLevel === null ? <EmptyValue /> : row.original.tierLevel),
      meta: { label: "Tier", align: "end" },
    }),
    helper.accessor("leadEmail", {
      id: "lead",
      header: "Lead",
      cell: ({ row }) => {
        const { leadId, leadEmail } = row.original;
        if (!leadId) return <EmptyValue />;
        return (
          <Link href={`/leads/${leadId}`} className={`block max-w-56 truncate ${LINK_CLASS}`} title={leadEmail ?? undefined}>
            {leadEmail ?? <span className="font-mono text-xs">Lead {leadId}</span>}
          </Link>
        );
      },
      meta: { label: "Lead" },
    }),
    helper.accessor("promoterId", {
      id: "promoter",
      header: "Promoter",
      cell: ({ row, column }) => (
        <DataTablePromoterCell
          promoterId={row.original.promoterId}
          name={row.original.promoterName}
          email={row.original.promoterEmail}
          noun="rewards"
          onFilter={(id) => column.setFilterValue([id])}
          className="max-w-60"
        />
      ),
      meta: { label: "Promoter" },
    }),
    helper.accessor("createdAt", {
      id: "created_at",
      header: ({ column }) => <DataTableColumnHeader column={column} title="Created" />,
      cell: ({ row }) => <LocalTime value={row.original.createdAt} />,
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
