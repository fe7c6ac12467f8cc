"use client";

import { EmptyValue } from "@/components/cell-text.tsx";
import Link from "next/link";
import { DataTableColumnHeader } from "@/components/data-table/data-table-column-header.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { AUDIT_ACTION_LABELS } from "@/lib/audit/actions.ts";
import type { ActivityFacets } from "@/lib/audit/list-audit-facets.ts";
import type { AuditRow } from "@/lib/audit/list-audit.ts";
import { dataTableColumnHelper } from "@/lib/data-table/features.ts";
import { parseRecordId } from "@/lib/records/parse-record-id.ts";

const helper = dataTableColumnHelper<AuditRow>();

/** Where a record named in the log lives in the app, when it has a page. */
function targetHref(type: string | null, id: string | null): string | null {
  if (!id || parseRecordId(id) === null) return null;
  if (type === "fulfilment") return `/fulfilments/${id}`;
  return null;
}

function describeChange(row: AuditRow): string {
  const show = (v: unknown) => (v === null || v === undefined ? "∅" : JSON.stringify(v));
  return row.before || row.after ? `${show(row.before)} → ${show(row.after)}` : "—";
}

/** The Activity screen's columns. Ids are the URL parameters (lib/audit/search-params.ts). */
export function getActivityTableColumns({ facets }: { facets: ActivityFacets }) {
  return helper.columns([
    helper.accessor("at", {
      id: "at",
      header: ({ column }) => <DataTableColumnHeader column={column} title="When" />,
      cell: ({ row }) => <LocalTime value={row.original.at} />,
      enableSorting: true,
      meta: { label: "When", variant: "dateRange", cellClassName: "whitespace-nowrap" },
    }),
    helper.accessor("actorEmail", {
      id: "actor",
      header: "Who",
      cell: ({ row }) => row.original.actorEmail ?? <span className="text-muted-foreground">not signed in</span>,
      meta: { label: "Who", variant: "multiSelect", options: facets.actor },
    }),
    helper.accessor("action", {
      id: "action",
      header: "Action",
      cell: ({ row }) => {
        const a = row.original.action;
        const label = (AUDIT_ACTION_LABELS as Record<string, string>)[a];
        const tone = a.endsWith("_failed") || a.endsWith("_throttled") || a.endsWith(".reject") || a.endsWith(".remove") ? "destructive" : "secondary";
        return (
          <Badge variant={tone} title={a}>
            {label ?? a}
          </Badge>
        );
      },
      meta: { label: "Action", variant: "multiSelect", options: facets.action, optionsNote: facets.action.some((o) => o.approximate) ? "Counts are estimates" : undefined },
    }),
    helper.accessor("targetType", {
      id: "target_type",
      header: "Record",
      cell: ({ row }) => {
        const { targetType, targetId } = row.original;
        if (!targetType) return <EmptyValue />;
        const href = targetHref(targetType, targetId);
        const text = `${targetType} ${targetId ?? ""}`.trim();
        return href ? (
          <Link href={href} className="block max-w-44 truncate font-mono text-xs underline-offset-4 hover:underline" title={text}>
            {text}
          </Link>
        ) : (
          <span className="block max-w-44 truncate font-mono text-xs" title={text}>
            {text}
          </span>
        );
      },
      meta: { label: "Record", variant: "multiSelect", options: facets.target_type },
    }),
    helper.display({
      id: "change",
      header: "Change",
      cell: ({ row }) => {
        const text = describeChange(row.original);
        return (
          <span className="block max-w-64 truncate font-mono text-xs" title={text}>
            {text}
          </span>
        );
      },
      meta: { label: "Change" },
    }),
    helper.accessor("ip", {
      id: "ip",
      header: "IP",
      cell: ({ row }) => <span className="font-mono text-xs">{row.original.ip ?? "—"}</span>,
      meta: { label: "IP" },
    }),
  ]);
}
