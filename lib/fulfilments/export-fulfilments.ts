import "server-only";
import { queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { amountCell } from "@/lib/export/amount-cell.ts";
import { keysetBatch } from "@/lib/export/keyset-batch.ts";
import type { ExportSource } from "@/lib/export/types.ts";
import { type FulfilmentRaw, fulfilmentConditions, fulfilmentCursorKey, fulfilmentKeyset, fulfilmentListSql, syncViewOf } from "./list-fulfilments.ts";
import { type FulfilmentsSearch, fulfilmentsSearchSpec, parseFulfilmentsSearch } from "./search-params.ts";
import { describeSyncState } from "./sync-state.ts";

/** The review queue as CSV (pending by default, like the page), with each fulfilment's sync state. */
export const fulfilmentsExport: ExportSource<FulfilmentRaw, FulfilmentsSearch> = {
  entity: "fulfilments",
  fileStem: "fulfilments",
  parse: parseFulfilmentsSearch,
  columns: [
    { id: "id", label: "Fulfilment id", value: (r) => r.id },
    { id: "promoter_id", label: "Promoter id", value: (r) => r.promoterId },
    { id: "promoter_email", label: "Promoter email", value: (r) => r.promoterEmail },
    { id: "campaign", label: "Campaign", value: (r) => r.campaignName, optional: true },
    { id: "amount", label: "Amount", value: (r) => amountCell(r.amount, r.unit) },
    { id: "unit", label: "Unit", value: (r) => r.unit },
    { id: "due_date", label: "Due", value: (r) => r.dueDate },
    { id: "fp_status", label: "FirstPromoter status", value: (r) => r.fpStatus, optional: true },
    { id: "review_status", label: "Review status", value: (r) => r.reviewStatus },
    { id: "reviewed_by", label: "Reviewed by", value: (r) => r.reviewedBy },
    { id: "reviewed_at", label: "Reviewed at", value: (r) => r.reviewedAt },
    { id: "review_reason", label: "Reason", value: (r) => r.reviewReason },
    { id: "sync", label: "Sync state", value: (r) => describeSyncState(syncViewOf(r)).label },
    { id: "sync_state", label: "Sync state code", value: (r) => r.syncState, optional: true },
    { id: "last_error", label: "Last FirstPromoter error", value: (r) => r.cmdLastError, optional: true },
    { id: "has_issues", label: "Has issues", value: (r) => r.hasIssues },
    { id: "first_delivery_at", label: "First sent", value: (r) => r.firstDeliveryAt },
    { id: "last_delivery_at", label: "Last sent", value: (r) => r.lastDeliveryAt },
    { id: "delivery_count", label: "Times sent", value: (r) => r.deliveryCount },
    { id: "answered_200_at", label: "Answered 200 at", value: (r) => r.answered200At, optional: true },
  ],
  batch: (prisma, search) => {
    const where = fulfilmentConditions(search);
    return keysetBatch(
      fulfilmentKeyset(search),
      fulfilmentsSearchSpec.sortKeys,
      (k) => queryPlannedForValues<FulfilmentRaw[]>(prisma, fulfilmentListSql(where, k)),
      fulfilmentCursorKey(search),
    );
  },
};
