"use client";

import { EmptyValue, LINK_CLASS } from "@/components/cell-text.tsx";
import Link from "next/link";
import { DataTableColumnHeader } from "@/components/data-table/data-table-column-header.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import { dataTableColumnHelper } from "@/lib/data-table/features.ts";
import { type BalanceKind, KIND_LABELS } from "@/lib/promoters/balance-units.ts";
import type { PromoterFacets } from "@/lib/promoters/list-promoter-facets.ts";
import type { PromoterRow } from "@/lib/promoters/list-promoters.ts";
import { BalanceColumnHeader, balanceSortOf } from "./balance-column-header.tsx";
import { BalanceList } from "./balance-list.tsx";
import { PromoterStatusBadge } from "./promoter-status-badge.tsx";
import { DeletedBadge } from "@/components/deleted-badge.tsx";
import { DELETED_OPTIONS } from "@/lib/data-table/deleted-filter.ts";

const helper = dataTableColumnHelper<PromoterRow>();

type Options = { facets: PromoterFacets };

/**
 * The promoters screen's columns, the promoter first (the column a narrow screen keeps pinned, so
 * narrower there). Ids are the URL parameters and sort keys (lib/promoters/search-params.ts):
 * `status` and `campaign` filter, `balance` (the current balances) filters by "has a non-zero
 * current balance in", `created` filters by date and sorts. The three balance columns list every unit
 * the promoter has; their headers sort by one unit (`sort=<unit>_<kind>`).
 */
export function getPromotersTableColumns({ facets }: Options) {
  const statusApproximate = facets.status.some((o) => o.approximate);
  // Accessor columns (not display ones), so the filterable ones can hold a filter value.
  const balanceColumn = (id: string, kind: BalanceKind, meta: { label: string; variant?: "multiSelect"; options?: PromoterFacets["balance"]; optionsNote?: string }) =>
    helper.accessor("balances", {
      id,
      header: ({ table, column }) => <BalanceColumnHeader table={table} column={column} kind={kind} title={KIND_LABELS[kind]} className="ml-auto flex" />,
      cell: ({ row, table }) => (
        <BalanceList balances={row.original.balances} kind={kind} sortedUnit={balanceSortOf(table.store.state.sorting, kind)?.unit} />
      ),
      meta: { ...meta, align: "end" },
    });

  return helper.columns([
    helper.accessor("email", {
      id: "email",
      header: "Promoter",
      cell: ({ row }) => {
        const { id, email, name } = row.original;
        return (
          <div className="max-w-44 min-w-32 sm:max-w-64 sm:min-w-40">
            <Link href={`/promoters/${id}`} className={`block truncate font-medium ${LINK_CLASS}`} title={email ?? undefined}>
              {email ?? `Promoter ${id}`}
            </Link>
            {name && <span className="block truncate text-xs text-muted-foreground">{name}</span>}
          </div>
        );
      },
      meta: { label: "Email and name" },
    }),
    helper.accessor("status", {
      id: "status",
      header: "Status",
      cell: ({ row }) => (
        <span className="inline-flex items-center">
          <PromoterStatusBadge status={row.original.status} />
          <DeletedBadge deleted={row.original.deleted} />
        </span>
      ),
      meta: {
        label: "Status",
        variant: "multiSelect",
        options: facets.status,
        optionsNote: statusApproximate ? "Counts over all promoters (estimated)" : "Counts over all promoters",
      },
    }),
    helper.accessor("refId", {
      id: "ref_id",
      header: "Ref id",
      cell: ({ row }) => (row.original.refId ? <span className="font-mono text-xs">{row.original.refId}</span> : <EmptyValue />),
      meta: { label: "Ref id" },
    }),
    helper.accessor("campaigns", {
      id: "campaign",
      header: "Campaigns",
      cell: ({ row }) => {
        const names = row.original.campaigns.map((c) => c.name ?? `Campaign ${c.id}`);
        return names.length === 0 ? (
          <EmptyValue />
        ) : (
          <span className="block max-w-48 truncate" title={names.join(", ")}>
            {names.join(", ")}
          </span>
        );
      },
      meta: { label: "Campaign", variant: "multiSelect", options: facets.campaign, optionsNote: "Promoters with a promotion in any of" },
    }),
    balanceColumn("balance", "current", {
      label: "Current balance",
      variant: "multiSelect",
      options: facets.balance,
      optionsNote: "Has a non-zero current balance in any of",
    }),
    balanceColumn("earnings", "earnings", { label: "Earnings" }),
    balanceColumn("paid", "paid", { label: "Paid" }),
    helper.accessor("createdAt", {
      id: "created",
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
