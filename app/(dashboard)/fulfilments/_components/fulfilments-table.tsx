"use client";

import { Check, Pause, X } from "lucide-react";
import Link from "next/link";
import { use, useMemo, useState, useTransition } from "react";
import { AutoRefresh } from "@/components/auto-refresh.tsx";
import { DataTable } from "@/components/data-table/data-table.tsx";
import { DataTableFilterChips } from "@/components/data-table/data-table-filter-chips.tsx";
import { DataTableExport, type ExportColumnChoice } from "@/components/data-table/data-table-export.tsx";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar.tsx";
import { Button } from "@/components/ui/button.tsx";
import { useDataTable } from "@/hooks/use-data-table.ts";
import { useHydrated } from "@/hooks/use-hydrated.ts";
import type { TableUrlDefaults } from "@/lib/data-table/parsers.ts";
import type { Page } from "@/lib/data-table/types.ts";
import { formatAmount } from "@/lib/format/amount.ts";
import type { FulfilmentFacets } from "@/lib/fulfilments/list-fulfilment-facets.ts";
import type { FulfilmentRow } from "@/lib/fulfilments/list-fulfilments.ts";
import { MAX_BULK_REVIEW } from "@/lib/fulfilments/review-limits.ts";
import type { FulfilmentsSearch } from "@/lib/fulfilments/search-params.ts";
import { TRANSIENT_SYNC_STATES } from "@/lib/fulfilments/sync-state.ts";
import { totalByUnit } from "@/lib/fulfilments/total-by-unit.ts";
import { undoReviewAction } from "../_lib/actions.ts";
import { getFulfilmentsTableColumns } from "./fulfilments-table-columns.tsx";
import { ReviewDialog, type ReviewDone, type ReviewRequest, type SyncSetup } from "./review-dialog.tsx";
import { ReviewDoneBanner } from "./review-done-banner.tsx";
import { ReviewStatusFilter } from "./review-status-filter.tsx";
import { isReviewable, type RowHandlers } from "./row-actions.tsx";
import { SyncActionDialog, type SyncActionRequest } from "./sync-action-dialog.tsx";

// The review queue's client table: URL-driven filters (review status its own), row selection with
// bulk approve/hold/reject for admins, the confirm dialog, and the success message.

type Props = {
  promises: Promise<[Page<FulfilmentRow>, FulfilmentFacets]>;
  search: FulfilmentsSearch;
  defaults: TableUrlDefaults;
  /** The signed-in user is an admin (the server action checks again). */
  canReview: boolean;
  exportColumns: ExportColumnChoice[];
  setup: SyncSetup;
  /** When the server read the page (ISO). */
  renderedAt: string;
};

/**
 * Filter-only columns start hidden (the amount names the unit, the sync state says has_issues), and
 * so does FirstPromoter's status, always "pending" in a fulfilment_pending; View shows them.
 */
const INITIAL_VISIBILITY = { unit: false, campaign: false, has_issues: false, fp_status: false };

export function FulfilmentsTable({ promises, search, defaults, canReview, exportColumns, setup, renderedAt }: Props) {
  const [page, facets] = use(promises);
  const [request, setRequest] = useState<ReviewRequest | null>(null);
  const [syncRequest, setSyncRequest] = useState<SyncActionRequest | null>(null);
  const [done, setDone] = useState<ReviewDone | null>(null);
  const [, startUndo] = useTransition();
  const handlers = useMemo<RowHandlers>(
    () => ({
      onReview: setRequest,
      onSyncAction: setSyncRequest,
      connected: setup.connected,
      onUndo: (ids) =>
        startUndo(async () => {
          const result = await undoReviewAction({ ids });
          setDone({ message: result.ok ? (result.message ?? "Undone.") : `Not undone: ${result.error}` });
        }),
    }),
    [setup.connected],
  );
  const rendered = useMemo(() => new Date(renderedAt), [renderedAt]);
  const columns = useMemo(() => getFulfilmentsTableColumns({ facets, canReview, handlers, renderedAt: rendered }), [facets, canReview, handlers, rendered]);
  // review_status stays out of the table's URL state (ReviewStatusFilter owns it): the generic table
  // writes an empty filter as "no parameter", which here means the default (pending), not "all".
  const reviewStatus = search.filters.review_status;
  const tableSearch = useMemo(() => {
    const { review_status: _owned, ...filters } = search.filters;
    return { ...search, filters };
  }, [search]);
  const dataTable = useDataTable({
    page,
    columns,
    search: tableSearch,
    defaults,
    getRowId: (row) => row.id,
    enableRowSelection: canReview ? (row) => isReviewable(row.original) : false,
    initialColumnVisibility: INITIAL_VISIBILITY,
  });
  const selected = page.rows.filter((r) => dataTable.table.state.rowSelection[r.id]);
  const ask = (decision: ReviewRequest["decision"]) => setRequest({ decision, rows: selected.map(({ id, amount, unit }) => ({ id, amount, unit })) });

  // Sends under way: follow them to their outcome without a reload.
  const inFlight = page.rows.some((r) => TRANSIENT_SYNC_STATES.includes(r.syncState));

  return (
    <div className="space-y-3">
      <AutoRefresh active={inFlight} />
      {done && <ReviewDoneBanner done={done} onDismiss={() => setDone(null)} onChange={setDone} />}
      <DataTable
        dataTable={dataTable}
        label="Fulfilments"
        noun={["fulfilment", "fulfilments"]}
        toolbar={
          <>
            <DataTableToolbar
              dataTable={dataTable}
              leading={<ReviewStatusFilter dataTable={dataTable} selected={reviewStatus} options={facets.review_status} />}
              searchPlaceholder="Fulfilment id or promoter email"
              searchLabel="Search fulfilments by id or by the start of the promoter's email"
              searchHint="Matches the start of the promoter's email, or a whole fulfilment id."
            >
              <DataTableExport entity="fulfilments" columns={exportColumns} />
            </DataTableToolbar>
            <DataTableFilterChips dataTable={dataTable} columnId="promoter" title="Promoter" labels={facets.promoter} />
          </>
        }
        actionBar={canReview && <BulkActions rows={selected} onAsk={ask} onClear={() => dataTable.table.resetRowSelection()} />}
        emptyMessage={<EmptyQueue reviewStatus={reviewStatus} />}
      />
      {canReview && (
        <>
          <ReviewDialog
            request={request}
            setup={setup}
            onOpenChange={(open) => !open && setRequest(null)}
            onDone={(d) => {
              setRequest(null);
              dataTable.table.resetRowSelection();
              setDone(d);
            }}
          />
          <SyncActionDialog
            request={syncRequest}
            onOpenChange={(open) => !open && setSyncRequest(null)}
            onDone={(message) => {
              setSyncRequest(null);
              setDone({ message });
            }}
          />
        </>
      )}
    </div>
  );
}

/** Shown above the table while rows are selected: the selection's totals and the three decisions. */
function BulkActions({ rows, onAsk, onClear }: { rows: FulfilmentRow[]; onAsk: (d: ReviewRequest["decision"]) => void; onClear: () => void }) {
  const locale = useHydrated() ? undefined : "en-US";
  const totals = totalByUnit(rows)
    .map((t) => formatAmount(t.total, t.unit, { locale }))
    .join(" · ");
  return (
    <div role="region" aria-label="Selected fulfilments" className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm">
      <span className="font-medium">{rows.length.toLocaleString(locale)} selected</span>
      <span className="text-muted-foreground">{totals}</span>
      {rows.length > MAX_BULK_REVIEW && <span className="text-destructive">at most {MAX_BULK_REVIEW} at once</span>}
      <div className="ml-auto flex flex-wrap gap-2">
        <Button size="sm" onClick={() => onAsk("approved")}>
          <Check aria-hidden /> Approve…
        </Button>
        <Button size="sm" variant="outline" onClick={() => onAsk("held")}>
          <Pause aria-hidden /> Hold…
        </Button>
        <Button size="sm" variant="outline" className="text-destructive" onClick={() => onAsk("rejected")}>
          <X aria-hidden /> Reject…
        </Button>
        <Button size="sm" variant="ghost" onClick={onClear}>
          Clear selection
        </Button>
      </div>
    </div>
  );
}

function EmptyQueue({ reviewStatus }: { reviewStatus: FulfilmentsSearch["filters"]["review_status"] }) {
  if (reviewStatus.length === 0) {
    return (
      <>
        No fulfilments yet. FirstPromoter sends <code className="font-mono">fulfilment_pending</code> for rewards that need fulfilling (free
        months, credits…); run <code className="font-mono">npm run simulate</code> for demo data.
      </>
    );
  }
  return (
    <div className="space-y-2">
      <p>
        No {reviewStatus.join(" or ")} fulfilments{reviewStatus.length === 1 && reviewStatus[0] === "pending" ? ": nothing awaits review" : ""}.
      </p>
      <Button variant="outline" size="sm" asChild>
        <Link href="/fulfilments?review_status=all">Show all review statuses</Link>
      </Button>
    </div>
  );
}
