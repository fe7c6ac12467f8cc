"use client";

import { Check, CheckCircle2, Pause, X } from "lucide-react";
import Link from "next/link";
import { use, useMemo, useState } from "react";
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
import { totalByUnit } from "@/lib/fulfilments/total-by-unit.ts";
import { getFulfilmentsTableColumns } from "./fulfilments-table-columns.tsx";
import { ReviewDialog, type ReviewRequest } from "./review-dialog.tsx";
import { ReviewStatusFilter } from "./review-status-filter.tsx";
import { isReviewable } from "./row-actions.tsx";

// The review queue's client table: URL-driven filters (review status its own), row selection with
// bulk approve/hold/reject for admins, the confirm dialog, and the success message.

type Props = {
  promises: Promise<[Page<FulfilmentRow>, FulfilmentFacets]>;
  search: FulfilmentsSearch;
  defaults: TableUrlDefaults;
  /** The signed-in user is an admin (the server action checks again). */
  canReview: boolean;
  exportColumns: ExportColumnChoice[];
};

/**
 * Filter-only columns start hidden (the amount names the unit, the sync state says has_issues), and
 * so does FirstPromoter's status, always "pending" in a fulfilment_pending; View shows them.
 */
const INITIAL_VISIBILITY = { unit: false, campaign: false, has_issues: false, fp_status: false };

export function FulfilmentsTable({ promises, search, defaults, canReview, exportColumns }: Props) {
  const [page, facets] = use(promises);
  const [request, setRequest] = useState<ReviewRequest | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const columns = useMemo(() => getFulfilmentsTableColumns({ facets, canReview, onReview: setRequest }), [facets, canReview]);
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

  return (
    <div className="space-y-3">
      {done && (
        <div role="status" className="flex items-center gap-2 rounded-md border bg-success/10 px-3 py-2 text-sm">
          <CheckCircle2 className="size-4 shrink-0 text-success" aria-hidden />
          <span className="flex-1">{done}</span>
          <Button variant="ghost" size="icon-xs" onClick={() => setDone(null)} aria-label="Dismiss">
            <X aria-hidden />
          </Button>
        </div>
      )}
      <DataTable
        dataTable={dataTable}
        label="Fulfilments"
        noun={["fulfilment", "fulfilments"]}
        toolbar={
          <>
            <div className="flex items-start gap-2">
              <ReviewStatusFilter dataTable={dataTable} selected={reviewStatus} options={facets.review_status} />
              <DataTableToolbar
                dataTable={dataTable}
                className="min-w-0 flex-1"
                searchPlaceholder="Fulfilment id or promoter email"
                searchLabel="Search fulfilments by id or by the start of the promoter's email"
              >
                <DataTableExport entity="fulfilments" columns={exportColumns} />
              </DataTableToolbar>
            </div>
            <DataTableFilterChips dataTable={dataTable} columnId="promoter" title="Promoter" labels={facets.promoter} />
          </>
        }
        actionBar={canReview && <BulkActions rows={selected} onAsk={ask} onClear={() => dataTable.table.resetRowSelection()} />}
        emptyMessage={<EmptyQueue reviewStatus={reviewStatus} />}
      />
      {canReview && (
        <ReviewDialog
          request={request}
          onOpenChange={(open) => !open && setRequest(null)}
          onDone={(message) => {
            setRequest(null);
            setDone(message);
          }}
        />
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
